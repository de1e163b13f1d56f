/** Findings (shared/findings.ts): the last computation, a fresh one on demand, dismissals and re-opening. */
import { z } from 'zod'
import type { Finding, FindingsReport, FindingsSummary } from '../findings'
import { channel, NoInput, Text, type AreaChannels, type ExactlyFor } from './kit'
import type { findingsChannels, findingsEvents } from './names/findings'

export const FindingId = z.string().min(3).max(200).regex(/^[a-z0-9-]+:\S+$/, 'A finding id is kind:scope, as findings list them')

export const findingsContract = {
  'findings.list': channel<FindingsReport>()(NoInput),
  'findings.refresh': channel<FindingsReport>()(NoInput),
  'findings.dismiss': channel<Finding>()(
    z.object({ id: FindingId, reason: Text(500).min(1, 'Say why it is dismissed') }).strict(),
  ),
  'findings.reopen': channel<Finding>()(z.object({ id: FindingId }).strict()),
} satisfies AreaChannels<(typeof findingsChannels)[number]>

export type FindingsEvents = ExactlyFor<(typeof findingsEvents)[number], { 'findings.changed': FindingsSummary }>
