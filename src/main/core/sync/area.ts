/**
 * What a sync area is: given an account's client, the work that refreshes the area's cache, or undefined
 * when the carrier cannot (yet) provide it. Deciding starts nothing, so the runner records an area as
 * started before its work begins. The work stages what it fetches and commits only once it has all of it,
 * so a failed or cancelled area leaves the previous cache as it was.
 */
import type { SyncArea } from '../../../shared/domain'
import type { CarrierClient } from '../../carriers/adapter'
import type { Store } from '../../store/store'
import type { AccountRow } from '../../store/repositories/accounts'
import type { EventHub } from '../events'

export interface AreaDeps {
  store: Store
  /** What an area announces once it has stored a page of changes (the ports area's notices). */
  events: EventHub
  now: () => number
}

/** Refreshes one account's area; reports rows and pages so far; resolves with the rows it stored. */
export type AreaWork = (account: AccountRow, signal: AbortSignal, progress: (rows: number, pages: number) => void) => Promise<number>

export type SyncAreaModule = (client: CarrierClient, deps: AreaDeps) => AreaWork | undefined

/**
 * One account's areas as the runner drives them, on the calling thread or in a sync worker: each area is
 * prepared (its work, or undefined when the carrier cannot sync it), then run; `close` ends the account's
 * part of the run.
 */
export interface AccountAreas {
  prepare(area: SyncArea): Promise<AreaWork | undefined>
  close(): Promise<void>
  /** Ends a worker at once, whatever it is doing. */
  terminate?(): Promise<void>
}
