/**
 * The trunks a number can be routed to, per account, for the routing picker and the cart: the account's
 * cached trunk groups that take inbound calls, and the trunk values seen on its cached numbers that no
 * trunk group names (VoIP Innovations' endpoint groups, learnt at sync), each with how many numbers route
 * to it now; the most used one, and the one last chosen for new numbers (remembered per account).
 */
import type { AccountTrunkChoices, TrunkChoice } from '../../../shared/trunks'
import type { CarrierRegistry } from '../../carriers/registry'
import type { AccountRow } from '../../store/repositories/accounts'
import type { Store } from '../../store/store'
import type { AccountsService } from '../accounts-service'

/** Memo key: the trunk the cart last bought an account's numbers onto. */
export const purchaseTrunkMemoKey = 'core.purchaseTrunk'

export class TrunkChoices {
  constructor(private readonly deps: { store: Store; accounts: AccountsService; registry: CarrierRegistry }) {}

  list(accountIds?: readonly string[] | undefined): AccountTrunkChoices[] {
    const accounts = accountIds ? accountIds.map((id) => this.deps.accounts.find(id)) : this.deps.store.accounts.list()
    return accounts.filter((account) => this.deps.registry.get(account.carrier).capabilities.includes('numbers.routing')).map((account) => this.forAccount(account))
  }

  private forAccount(account: AccountRow): AccountTrunkChoices {
    const adapter = this.deps.registry.get(account.carrier)
    const counts = this.deps.store.trunks.numbersByTrunk(account.id)
    const trunks = this.deps.store.trunks.list(account.id).filter((trunk) => trunk.direction !== 'termination')
    const choices: TrunkChoice[] = trunks.map((trunk) => ({
      trunkId: trunk.id,
      name: trunk.name,
      ips: trunk.ips,
      direction: trunk.direction,
      status: trunk.status,
      numbers: counts.get(trunk.id) ?? 0,
      source: 'trunk',
    }))
    // Values on numbers that no trunk group names, when routing can take them (an IP a Vitcom row names
    // its trunk by cannot be routed to, so it is not offered).
    const format = adapter.routingTrunk ? new RegExp(`^(?:${adapter.routingTrunk.pattern})$`) : undefined
    const seen = [...counts.entries()]
      .filter(([value]) => !trunks.some((trunk) => trunk.id === value) && (format === undefined || format.test(value)))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([value, numbers]): TrunkChoice => ({ trunkId: value, name: `${adapter.routingTrunk?.label ?? 'Trunk'} ${value}`, ips: [], numbers, source: 'seen' }))
    const all = [...choices.sort((a, b) => a.name.localeCompare(b.name)), ...seen]
    const mostUsed = [...all].filter((choice) => choice.numbers > 0).sort((a, b) => b.numbers - a.numbers)[0]?.trunkId
    const remembered = this.deps.store.memo.get(account.id, purchaseTrunkMemoKey)
    const asOfs = trunks.map((trunk) => trunk.asOf)
    return {
      accountId: account.id,
      accountName: account.name,
      carrier: account.carrier,
      choices: all,
      mostUsed,
      remembered: typeof remembered === 'string' ? remembered : undefined,
      asOf: asOfs.length > 0 ? Math.min(...asOfs) : undefined,
    }
  }

  /** Remembers the trunk new numbers of an account were bought onto, for the cart's next default. */
  rememberPurchase(accountId: string, trunk: string): void {
    this.deps.store.memo.set(accountId, purchaseTrunkMemoKey, trunk)
  }
}
