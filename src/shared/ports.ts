/**
 * Number ports beyond the cached order itself (domain.ts `PortOrder`): each number's own state, the actions
 * a carrier allows on an order as it stands, the submit form a carrier declares, a portability check, an
 * order's detail (the account data sent, the PIN only ever as "given" or not), notices of changes and the
 * background refresh. Shared by main and the renderer; no secret is ever part of these types.
 */
import type { ActivityEntry, CarrierId, PortOrder, PortStatus } from './domain'

/** What can be done to a whole order (or a Call48 sub order) as it stands, as the carrier says. */
export const portOrderActions = ['edit', 'cancel', 'delete', 'activate', 'documents', 'forwarding', 'resubmit'] as const
export type PortOrderAction = (typeof portOrderActions)[number]

/** What can be done to one number of an order as it stands. */
export const portLineActions = ['cancel', 'activate', 'delete', 'activation'] as const
export type PortLineAction = (typeof portLineActions)[number]

/** One number of a port order with its own state (a sub order's numbers move on their own at Call48). */
export interface PortLine {
  e164: string
  status: PortStatus
  focDate?: string | undefined
  /** How and when the number goes live once its FOC date comes (Call48: Auto, Manual, Scheduled). */
  activationType?: string | undefined
  activationDate?: string | undefined
  allowed?: PortLineAction[] | undefined
}

/** One field of a carrier's port form, by its path in the carrier's own submit body (`port_req_detail.btn`). */
export interface PortFieldSpec {
  key: string
  label: string
  required: boolean
  kind: 'text' | 'select' | 'date' | 'email' | 'secret'
  options?: readonly string[] | undefined
  /** Prefilled in a new order (e.g. the activation type "Auto"). */
  default?: string | undefined
  help?: string | undefined
  /** Where the form shows it. */
  group: 'order' | 'account' | 'address' | 'activation'
  /** Sent with a new order only, not with an edit (the edit call does not take it). */
  submitOnly?: boolean | undefined
}

/** A kind of document a carrier takes for a port (an LOA, a copy of a bill). */
export interface PortDocumentKind {
  kind: string
  label: string
  /** Required with a new order (Vitcom's LOA and carrier document). */
  required: boolean
}

/** How a carrier takes a new port: the form, where the numbers go, the documents and their limits. */
export interface PortFormSpec {
  fields: PortFieldSpec[]
  /** The body key the numbers go under. */
  numbersKey: string
  documents: PortDocumentKind[]
  /** When documents travel: with the submit (Vitcom's multipart order) or attached to the order after it. */
  documentsSentWith: 'submit' | 'order'
  /** Content types checked by their first bytes, and the size limit, before anything is sent. */
  documentTypes: readonly string[]
  maxDocumentBytes: number
  /** Edit and resubmit: by an edit call (Call48 update-request) or a new order for the same numbers (Vitcom). */
  resubmit: 'edit' | 'new-order'
}

/** One number's answer to a portability check at one carrier account. */
export interface PortCheckLine {
  e164: string
  portable: boolean
  message?: string | undefined
}

export interface PortCheckAccount {
  accountId: string
  accountName: string
  carrier: CarrierId
  results: PortCheckLine[]
  /** The check could not be made at this account (the carrier could not be reached...). */
  error?: string | undefined
}

export interface PortCheckResult {
  /** The numbers understood, in E.164, in the order typed (duplicates once). */
  numbers: string[]
  /** What was typed but is not a phone number, flagged rather than dropped. */
  invalid: { input: string; reason: string }[]
  accounts: PortCheckAccount[]
}

/** A labelled value of an order's detail panel; `masked` values (the PIN) show as given or not, never as text. */
export interface PortDetailField {
  key: string
  label: string
  value?: string | undefined
  masked?: boolean | undefined
}

export interface PortDocumentState {
  kind: string
  label: string
  /** The carrier's name for the attached file, when one is attached. */
  file?: string | undefined
  attached: boolean
}

export interface PortForwardingEntry {
  sequence: number
  method: string
  value: string
  timeoutSeconds: number
  forwardingTypeId: number
}

/** Everything the detail panel shows about one order, read from the carrier (or the cache when offline). */
export interface PortOrderDetail {
  order: PortOrder
  /** The other sub orders of the same master order (Call48), as cached. */
  siblings: PortOrder[]
  accountData: PortDetailField[]
  /** The current values of the fields an edit takes, by form key (never the PIN). */
  values: Record<string, string>
  documents: PortDocumentState[]
  forwarding?: { fields: PortDetailField[]; entries: PortForwardingEntry[] } | undefined
  rejection?: { reason: string; fields: string[]; details: PortDetailField[] } | undefined
  history: ActivityEntry[]
  asOf: number
  /** True when the carrier could not be read and this is the cached order only. */
  fromCache: boolean
  message?: string | undefined
}

export type PortNoticeKind = 'foc-set' | 'foc-moved' | 'completed' | 'rejected' | 'number-rejected'

/** A change seen between two syncs of an order, told once (desktop notification, activity, badge). */
export interface PortNotice {
  id: number
  accountId: string
  accountName: string
  carrier: CarrierId
  orderId: string
  kind: PortNoticeKind
  title: string
  message: string
  numbers: string[]
  at: number
  seenAt?: number | undefined
}

/** The background refresh of port orders (the app setting `portsSyncMinutes`), for the status bar. */
export interface PortSyncStatus {
  /** 0 when off. */
  intervalMinutes: number
  /** Whether this process runs the timer (the app does, the CLI does not). */
  active: boolean
  paused?: 'off' | 'offline' | undefined
  running: boolean
  /** When port orders were last synced (by the timer or by hand), and how that ended. */
  lastRunAt?: number | undefined
  lastOutcome?: 'succeeded' | 'failed' | 'cancelled' | undefined
  nextRunAt?: number | undefined
}

/** A row of the port board as the CLI lists it. */
export interface PortBoardRow {
  accountId: string
  accountName: string
  carrier: CarrierId
  orderId: string
  group?: string | undefined
  status: PortStatus
  focDate?: string | undefined
  rejectionReason?: string | undefined
  numbers: string[]
  asOf: number
}
