/**
 * The carrier adapter interface. Each carrier folder implements it; the core reaches carriers only
 * through it, and the UI offers only what an adapter's `capabilities` declare.
 *
 * Methods take one options object and an AbortSignal, so every call can be cancelled.
 */
import type { AccountSecrets, AccountSettings, CarrierInfo, PhoneNumberRecord } from '../../shared/domain'

export interface ConnectedAccount extends AccountSettings {
  id: string
}

export interface SyncPageInfo {
  /** Pages fetched so far, including this one. */
  page: number
  /** Total expected rows when the carrier says, for progress bars. */
  expectedRows?: number | undefined
}

export interface SyncNumbersOptions {
  signal: AbortSignal
  /** Called with each page, in order; the runner stages them and commits only when the sync completes. */
  onPage(rows: PhoneNumberRecord[], info: SyncPageInfo): void
}

/** One account's live client: holds its token in memory and talks to the carrier. */
export interface CarrierClient {
  /** Proves the settings and secrets work (logs in, or makes the cheapest authenticated read). */
  testConnection(options: { signal: AbortSignal }): Promise<{ message: string }>
  /** Present when the adapter can refresh this account's numbers. */
  syncNumbers?(options: SyncNumbersOptions): Promise<void>
}

/** A carrier's description (what the UI shows and offers) plus how to connect an account. */
export interface CarrierAdapter extends CarrierInfo {
  connect(account: ConnectedAccount, secrets: AccountSecrets): CarrierClient
}
