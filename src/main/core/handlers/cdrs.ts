/** The call records area's channels (src/shared/contract/cdrs.ts) bound to the core. */
import type { cdrsChannels } from '../../../shared/contract/names/cdrs'
import type { AreaHandlers, HandlerDeps } from './handler'

export const cdrsHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof cdrsChannels> => ({
  'cdrs.files': (input) => desk.store.cdrs.files(input.accountId),
  'cdrs.ingests': (input) => desk.cdrs.ingests(input.accountId),
  'cdrs.records': (input) => ({ rows: desk.cdrs.list(input) }),
  'cdrs.record': (input) => desk.cdrs.record(input.accountId, input.id, input.startedAt),
  'cdrs.stats': (input) => desk.cdrs.stats(input),
  'cdrs.coverage': () => desk.cdrs.coverage(),
  'cdrs.fetch': (input, signal) => desk.cdrs.fetch(input, signal),
  'cdrs.import': (input, signal) => desk.cdrs.importFile(input, signal),
  'cdrs.prune': (input) => desk.cdrs.prune({ dryRun: input.dryRun }),
  'cdrs.download': (input, signal) => desk.cdrs.download(input, signal),
  'cdrs.export': (input, signal) => desk.cdrs.exportRecords(input, signal),
})
