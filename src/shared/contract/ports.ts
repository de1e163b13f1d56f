/**
 * The port board: cached port orders, portability checks, new orders (the carrier's own submit body) with
 * their documents, an order's detail, its changes (edit and resubmit, cancel, delete, activate, documents,
 * forwarding and activation details), exports, ports tracked by id, notices of changes and the background
 * refresh. Every change to an order at the carrier must say it was confirmed.
 */
import { z } from 'zod'
import type { PortOrder, PortStatus } from '../domain'
import type { PortCheckResult, PortDetailField, PortNotice, PortOrderDetail, PortSyncStatus } from '../ports'
import { AccountId, channel, Confirmed, E164, NoInput, Text, TimeZone, type AreaChannels, type ExactlyFor } from './kit'
import type { portsChannels, portsEvents } from './names/ports'

const portStatuses = ['draft', 'submitted', 'pending', 'foc-set', 'completed', 'rejected', 'cancelled', 'unknown'] as const satisfies readonly PortStatus[]
export const PortStatusSchema = z.enum(portStatuses)

/** A board order id (`256`, `256/201`, `36623`). */
const OrderId = z.string().trim().min(1).max(64).regex(/^[\w./-]+$/, 'An order id')

/**
 * A carrier's submit body (or an edit's changes) as the form builds it: text, yes/no and lists of text, one
 * level of nesting (Call48's `port_req_detail`). The carrier's own schema checks the fields themselves.
 */
const BodyText = z.string().max(2000)
const BodyValue = z.union([BodyText, z.boolean(), z.array(BodyText).max(500)])
export const PortBodySchema = z.record(z.string().max(60), z.union([BodyValue, z.record(z.string().max(60), BodyValue)]))

/** A document as the renderer read it from a chosen file: its bytes in base64 (a carrier takes 10 MB at most). */
export const PortDocumentInputSchema = z
  .object({
    kind: z.string().trim().min(1).max(40),
    name: Text(200).min(1, 'A file name'),
    contentBase64: z.string().max(14_500_000, 'At most 10 MB').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Base64'),
  })
  .strict()
export type PortDocumentInput = z.infer<typeof PortDocumentInputSchema>

const OrderRef = { accountId: AccountId, orderId: OrderId }

export interface PortPreview {
  numbers: string[]
  summary: PortDetailField[]
}

/** How a change to an order ended: `checkedAfterFailure` when the answer was lost and a read settled it. */
export interface PortActionOutcome {
  message: string
  checkedAfterFailure: boolean
}

export interface PortSubmitOutcome extends PortActionOutcome {
  orderId: string
  orders: PortOrder[]
  documents: { kind: string; name: string; ok: boolean; message: string }[]
}

const ForwardingEntrySchema = z
  .object({
    sequence: z.number().int().min(1).max(3),
    method: z.enum(['NUM', 'IP', 'URI', 'TRUNK']),
    value: Text(200).min(1, 'A destination'),
    timeoutSeconds: z.number().int().min(1).max(300),
    forwardingTypeId: z.number().int().min(0).max(1000),
  })
  .strict()

export const portsContract = {
  'ports.list': channel<PortOrder[]>()(
    z.object({ accountId: AccountId.optional(), status: PortStatusSchema.optional(), search: Text(100).optional() }).strict(),
  ),
  'ports.check': channel<PortCheckResult>()(
    z.object({ numbers: z.array(z.string().max(100)).min(1).max(500), accountIds: z.array(AccountId).max(100).optional() }).strict(),
  ),
  'ports.preview': channel<PortPreview>()(z.object({ accountId: AccountId, order: PortBodySchema }).strict()),
  'ports.submit': channel<PortSubmitOutcome>()(
    z.object({ accountId: AccountId, order: PortBodySchema, documents: z.array(PortDocumentInputSchema).max(5), confirmed: Confirmed }).strict(),
  ),
  'ports.detail': channel<PortOrderDetail>()(z.object(OrderRef).strict()),
  'ports.previewChanges': channel<PortPreview>()(z.object({ ...OrderRef, changes: PortBodySchema }).strict()),
  'ports.update': channel<PortActionOutcome>()(z.object({ ...OrderRef, changes: PortBodySchema, confirmed: Confirmed }).strict()),
  'ports.cancel': channel<PortActionOutcome>()(z.object({ ...OrderRef, number: E164.optional(), confirmed: Confirmed }).strict()),
  'ports.delete': channel<PortActionOutcome>()(z.object({ ...OrderRef, number: E164.optional(), confirmed: Confirmed }).strict()),
  'ports.activate': channel<PortActionOutcome>()(z.object({ ...OrderRef, number: E164.optional(), confirmed: Confirmed }).strict()),
  'ports.addDocument': channel<PortActionOutcome>()(z.object({ ...OrderRef, document: PortDocumentInputSchema, confirmed: Confirmed }).strict()),
  'ports.removeDocument': channel<PortActionOutcome>()(z.object({ ...OrderRef, kind: z.string().trim().min(1).max(40), confirmed: Confirmed }).strict()),
  'ports.updateForwarding': channel<PortActionOutcome>()(
    z.object({ ...OrderRef, entries: z.array(ForwardingEntrySchema).max(3).optional(), preconfigured: z.boolean().optional(), confirmed: Confirmed }).strict(),
  ),
  'ports.updateActivation': channel<PortActionOutcome>()(
    z
      .object({
        ...OrderRef,
        number: E164,
        activationType: z.enum(['Auto', 'Manual', 'Scheduled']),
        activationDate: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.+-]+Z?)?$/, 'A date, YYYY-MM-DD or ISO 8601'),
        confirmed: Confirmed,
      })
      .strict(),
  ),
  'ports.export': channel<{ file: string; rows: number }>()(
    z
      .object({
        source: z.enum(['board', 'carrier']),
        accountId: AccountId.optional(),
        orderId: OrderId.optional(),
        status: PortStatusSchema.optional(),
        search: Text(100).optional(),
        timeZone: TimeZone,
      })
      .strict(),
  ),
  'ports.track': channel<PortOrder>()(z.object({ accountId: AccountId, portId: z.string().trim().regex(/^\d{1,12}$/, 'A port id is a whole number') }).strict()),
  'ports.untrack': channel<{ removed: boolean }>()(z.object({ accountId: AccountId, portId: z.string().trim().regex(/^\d{1,12}$/, 'A port id is a whole number') }).strict()),
  'ports.notices': channel<{ unseen: number; notices: PortNotice[] }>()(NoInput),
  'ports.markNoticesSeen': channel<{ unseen: number }>()(z.object({ throughId: z.number().int().positive().optional() }).strict()),
  'ports.syncStatus': channel<PortSyncStatus>()(NoInput),
} satisfies AreaChannels<(typeof portsChannels)[number]>

export type PortsEvents = ExactlyFor<
  (typeof portsEvents)[number],
  { 'ports.notice': PortNotice; 'ports.changed': { accountId: string }; 'ports.syncStatus': PortSyncStatus }
>
