/**
 * Change sets: edits to numbers (routing, CNAM, E911, 411, fax, status, tags, release) staged instead of
 * sent, across numbers, accounts and carriers, kept in SQLite until applied. A set shows its diff (before →
 * after per number and field), is checked by a dry run (capabilities, the carrier's field rules, the cache,
 * and numbers changed since staging), applied through the same batch machinery as a direct change, reverted
 * as a new set from the before values it kept, and exported and imported as CSV (one row per number and
 * field).
 */
import { z } from 'zod'
import { maxBatchTargets, type CarrierId } from '../domain'
import type { EditField, NumberEdit } from '../number-edits'
import { channel, Confirmed, JobId, NumberKeySchema, Text, type AreaChannels, type ExactlyFor } from './kit'
import type { changesChannels, changesEvents } from './names/changes'
import { NumberChangeSchema, type BatchLine } from './numbers'

const TagList = z.array(Text(40).min(1)).max(20)

export const NumberEditSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('change'), change: NumberChangeSchema }).strict(),
  z
    .object({ kind: z.literal('tags'), add: TagList.default([]), remove: TagList.default([]) })
    .strict()
    .refine((edit) => edit.add.length + edit.remove.length > 0, 'A tag edit adds or removes at least one tag'),
  z.object({ kind: z.literal('release') }).strict(),
])

/** How the items of a set stand: nothing applied yet, being applied, all applied, or some. */
export type ChangeSetState = 'draft' | 'applying' | 'applied' | 'partly applied'

/**
 * What became of an item when its set was applied: `skipped` when the dry run's checks refused it (nothing
 * was sent), `sending` while its batch is at the carrier, `unknown` when the answer was lost (or CarrierDesk
 * stopped while it was sent): check the carrier before staging it again.
 */
export type ItemOutcome = 'succeeded' | 'failed' | 'unknown' | 'skipped' | 'sending'

export interface ChangeSetSummary {
  id: string
  name: string
  createdAt: number
  updatedAt: number
  createdBy: string
  /** The set this one reverts, when it was made by `changes.revert`. */
  revertsId?: string | undefined
  revertsName?: string | undefined
  state: ChangeSetState
  appliedAt?: number | undefined
  itemCount: number
  numberCount: number
  carriers: CarrierId[]
  /** Items not applied yet (no outcome, or failed / skipped: applying again sends them). */
  pending: number
  succeeded: number
  failed: number
  unknown: number
}

export interface ChangeSetItem {
  accountId: string
  accountName: string
  carrier: CarrierId
  e164: string
  field: EditField
  edit: NumberEdit
  /** The cached value of the field when it was staged (undefined: none, or a field the cache does not keep). */
  before?: string | undefined
  /** `edit` in a few words. */
  after: string
  stagedAt: number
  outcome?: ItemOutcome | undefined
  code?: string | undefined
  message?: string | undefined
  appliedAt?: number | undefined
  /** The cached value right before the change was sent: what a revert goes back to. */
  appliedBefore?: string | undefined
}

export interface ChangeSetDetail extends ChangeSetSummary {
  items: ChangeSetItem[]
}

export type CheckLevel = 'ok' | 'warning' | 'error'

/** The dry run's verdict on one item: an error is not sent when the set is applied; a warning is. */
export interface ItemCheck {
  accountId: string
  e164: string
  field: EditField
  level: CheckLevel
  problems: { level: Exclude<CheckLevel, 'ok'>; message: string }[]
  /** The field's cached value now. */
  current?: string | undefined
  /** What would be sent, e.g. "Call48: CNAM → ACME" (nothing for an item already applied or refused). */
  wouldSend?: string | undefined
}

export interface ChangeSetCheck {
  setId: string
  checkedAt: number
  items: ItemCheck[]
  ok: number
  warnings: number
  errors: number
  /** Items already applied, which applying again leaves alone. */
  alreadyApplied: number
}

export interface ChangeSetLine extends BatchLine {
  field: EditField
}

export interface ChangeSetApplyResult {
  setId: string
  jobId: string
  lines: ChangeSetLine[]
  succeeded: number
  /** Failed at the carrier or of unknown outcome. */
  failed: number
  /** Refused by the checks before anything was sent (and items of unknown outcome, left alone). */
  skipped: number
  notSent: number
  cancelled: boolean
}

export interface RevertResult {
  set: ChangeSetSummary
  staged: number
  /** Applied items a revert cannot undo, with why (a release, an E911 address kept only as text...). */
  notRevertible: { accountId: string; e164: string; field: EditField; reason: string }[]
}

const SetId = z.string().min(1).max(100)
const SetName = Text(80).min(1, 'Name is required')
const ItemKey = NumberKeySchema.extend({ field: z.string().min(1).max(40) }).strict()

export const changesContract = {
  'changes.list': channel<ChangeSetSummary[]>()(z.object({}).strict()),
  'changes.get': channel<ChangeSetDetail>()(z.object({ id: SetId }).strict()),
  'changes.create': channel<ChangeSetSummary>()(z.object({ name: SetName }).strict()),
  'changes.rename': channel<ChangeSetSummary>()(z.object({ id: SetId, name: SetName }).strict()),
  'changes.delete': channel<{ deleted: boolean }>()(z.object({ id: SetId }).strict()),
  /** Stages one edit on many numbers, into the set `setId`, or a new one named `name`. */
  'changes.stage': channel<{ set: ChangeSetSummary; staged: number }>()(
    z
      .object({ setId: SetId.optional(), name: SetName.optional(), targets: z.array(NumberKeySchema).min(1).max(maxBatchTargets), edit: NumberEditSchema })
      .strict()
      .refine((input) => (input.setId === undefined) !== (input.name === undefined), 'Give either setId or name'),
  ),
  'changes.unstage': channel<ChangeSetSummary>()(z.object({ id: SetId, items: z.array(ItemKey).min(1).max(10_000) }).strict()),
  'changes.check': channel<ChangeSetCheck>()(z.object({ id: SetId }).strict()),
  'changes.apply': channel<ChangeSetApplyResult>()(z.object({ id: SetId, jobId: JobId, confirmed: Confirmed }).strict()),
  'changes.revert': channel<RevertResult>()(z.object({ id: SetId, name: SetName.optional() }).strict()),
  'changes.export': channel<{ file: string; rows: number }>()(z.object({ id: SetId }).strict()),
  /** Stages the rows of a CSV (as exported: account, number, field, after) into a set; all rows or none. */
  'changes.import': channel<{ set: ChangeSetSummary; staged: number }>()(
    z
      .object({ setId: SetId.optional(), name: SetName.optional(), csv: z.string().min(1).max(5_000_000) })
      .strict()
      .refine((input) => (input.setId === undefined) !== (input.name === undefined), 'Give either setId or name'),
  ),
} satisfies AreaChannels<(typeof changesChannels)[number]>

export type ChangesEvents = ExactlyFor<(typeof changesEvents)[number], { 'changes.changed': { setIds: string[] } }>
