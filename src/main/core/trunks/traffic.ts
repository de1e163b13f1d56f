/**
 * Traffic reports (processed and completed calls, ASR, ACD, minutes of use, peak) per account (month by
 * month), per trunk group and per number, from the carrier's reports and cached in SQLite with their "as
 * of", so they can be reviewed offline. A refresh that fails leaves the cached report and says why.
 */
import type { TrafficQuery, TrafficReport } from '../../../shared/ipc-shared'
import type { TrafficFigures, TrafficRow } from '../../../shared/trunks'
import type { TrafficActions } from '../../carriers/adapter'
import type { CarrierRegistry } from '../../carriers/registry'
import { AppError, throwIfAborted } from '../../lib/app-error'
import { isCancelled } from '../../lib/outcome'
import type { TrafficSelection } from '../../store/repositories/traffic'
import type { Store } from '../../store/store'
import type { AccountsService } from '../accounts-service'

const e164 = /^\+[1-9]\d{6,14}$/

export class TrafficService {
  constructor(private readonly deps: { store: Store; accounts: AccountsService; registry: CarrierRegistry; now: () => number }) {}

  async report(query: Omit<TrafficQuery, 'refresh'> & { refresh?: boolean | undefined }, signal: AbortSignal): Promise<TrafficReport> {
    const account = this.deps.accounts.find(query.accountId)
    const adapter = this.deps.registry.get(account.carrier)
    const capability = query.scope === 'number' ? 'numbers.traffic' : 'trunks.traffic'
    if (!adapter.capabilities.includes(capability)) {
      throw new AppError('validation', `${adapter.name} offers no ${query.scope === 'number' ? 'per-number' : 'traffic'} reports`)
    }
    if (query.month !== undefined && query.scope !== 'account') throw new AppError('validation', 'A month is chosen for account reports only (trunk and number reports are the carrier’s running totals)', { fields: { month: 'Only for account reports' } })
    const year = query.year ?? new Date(this.deps.now()).getUTCFullYear()
    const trunks = query.scope === 'trunk' ? this.trunksOf(account.id, query.subjects) : []
    const numbers = query.scope === 'number' ? this.numbersOf(query.subjects) : []
    const selection: TrafficSelection =
      query.scope === 'account'
        ? { accountId: account.id, scope: 'account', periodPrefix: query.month === undefined ? String(year) : `${year}-${String(query.month).padStart(2, '0')}` }
        : { accountId: account.id, scope: query.scope, subjects: query.scope === 'trunk' ? trunks.map((trunk) => trunk.id) : numbers }

    let failure: string | undefined
    if (query.refresh) {
      try {
        const client = await this.deps.accounts.connect(account)
        const figures = await this.fetch(client.traffic, query.scope, { trunks, numbers, year, month: query.month }, signal)
        throwIfAborted(signal)
        const asOf = this.deps.now()
        const rows: TrafficRow[] = figures.map((figure) => ({ ...figure, accountId: account.id, scope: query.scope, asOf }))
        this.deps.store.traffic.replace(selection, rows)
      } catch (error) {
        if (isCancelled(error)) throw error
        failure = error instanceof Error ? error.message : String(error)
      }
    }
    const rows = this.deps.store.traffic.list(selection)
    // Nothing cached to show instead: the failure is the answer.
    if (failure !== undefined && rows.length === 0) throw new AppError('carrier', `Could not fetch the traffic report: ${failure}`)
    const asOfs = rows.map((row) => row.asOf)
    return { rows, asOf: asOfs.length > 0 ? Math.min(...asOfs) : undefined, failure }
  }

  private trunksOf(accountId: string, subjects: readonly string[] | undefined) {
    const cached = this.deps.store.trunks.list(accountId)
    if (!subjects) return cached
    return subjects.map((id) => {
      const trunk = cached.find((candidate) => candidate.id === id)
      if (!trunk) throw new AppError('not-found', `No trunk group ${id} is cached for this account (sync its trunks first)`)
      return trunk
    })
  }

  private numbersOf(subjects: readonly string[] | undefined): string[] {
    if (!subjects || subjects.length === 0) throw new AppError('validation', 'Name the numbers to report on', { fields: { subjects: 'One or more E.164 numbers' } })
    const wrong = subjects.find((subject) => !e164.test(subject))
    if (wrong !== undefined) throw new AppError('validation', `"${wrong.slice(0, 20)}" is not an E.164 number like +13055550100`, { fields: { subjects: 'E.164 numbers, like +13055550100' } })
    return [...new Set(subjects)]
  }

  private async fetch(
    traffic: TrafficActions | undefined,
    scope: TrafficQuery['scope'],
    what: { trunks: Parameters<NonNullable<TrafficActions['trunks']>>[0]['trunks']; numbers: string[]; year: number; month: number | undefined },
    signal: AbortSignal,
  ): Promise<TrafficFigures[]> {
    if (scope === 'trunk' && traffic?.trunks) return what.trunks.length === 0 ? [] : traffic.trunks({ trunks: what.trunks, signal })
    if (scope === 'number' && traffic?.numbers) return traffic.numbers({ e164s: what.numbers, signal })
    if (scope === 'account' && traffic?.account) return traffic.account({ year: what.year, month: what.month, signal })
    throw new AppError('validation', 'This carrier offers no such report')
  }
}
