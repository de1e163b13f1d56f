/**
 * What a sync area is: given an account's client, the work that refreshes the area's cache, or undefined
 * when the carrier cannot (yet) provide it. Deciding starts nothing, so the runner records an area as
 * started before its work begins. The work stages what it fetches and commits only once it has all of it,
 * so a failed or cancelled area leaves the previous cache as it was.
 */
import type { CarrierClient } from '../../carriers/adapter'
import type { Store } from '../../store/store'
import type { AccountRow } from '../../store/repositories/accounts'

export interface AreaDeps {
  store: Store
  now: () => number
}

/** Refreshes one account's area; reports rows and pages so far; resolves with the rows it stored. */
export type AreaWork = (account: AccountRow, signal: AbortSignal, progress: (rows: number, pages: number) => void) => Promise<number>

export type SyncAreaModule = (client: CarrierClient, deps: AreaDeps) => AreaWork | undefined
