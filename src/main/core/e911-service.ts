/**
 * A number's E911 beyond its address: locations (add, provision, remove), provisioning history and 911
 * alerts, read from the carrier on demand. Each mutation is confirmed by the caller, sent once (the carrier
 * client settles a lost answer by reading back) and logged with its true outcome; provisioning or removing
 * a location changes the address 911 calls use, so the number is read afresh into the cache.
 */
import type { E911Address, E911Location, NumberKey } from '../../shared/domain'
import type { E911AlertsView, E911LocationsView, SettledView } from '../../shared/ipc-shared'
import type { CarrierClient, E911Actions } from '../carriers/adapter'
import { AppError } from '../lib/app-error'
import type { AccountRow } from '../store/repositories/accounts'
import type { NumbersDeps } from './numbers/carrier-actions'
import { OneNumber } from './numbers/one-number'

type Capability = 'e911.locations' | 'e911.history' | 'e911.alerts'

export class E911Service {
  private readonly one: OneNumber

  constructor(private readonly deps: NumbersDeps) {
    this.one = new OneNumber(deps)
  }

  private async actions<K extends keyof E911Actions>(
    key: NumberKey,
    capability: Capability,
    method: K,
  ): Promise<{ account: AccountRow; client: CarrierClient; act: NonNullable<E911Actions[K]> }> {
    const account = this.one.accountOf(key)
    const client = await this.one.client(account, capability)
    const act = client.e911?.[method]
    if (!act) throw new AppError('validation', `This carrier does not offer this (${capability})`)
    return { account, client, act: act.bind(client.e911) as NonNullable<E911Actions[K]> }
  }

  async locations(key: NumberKey, signal: AbortSignal): Promise<E911LocationsView> {
    const { act } = await this.actions(key, 'e911.locations', 'locations')
    return { locations: await act({ e164: key.e164, signal }), asOf: this.deps.now() }
  }

  async addLocation(input: NumberKey & { address: E911Address }, signal: AbortSignal): Promise<E911Location & SettledView> {
    const { account, act } = await this.actions(input, 'e911.locations', 'addLocation')
    return this.one.mutate(account, { action: 'e911.location.add', target: input.e164, details: { address: input.address } }, () =>
      act({ e164: input.e164, address: input.address, signal }),
    )
  }

  async provisionLocation(input: NumberKey & { locationId: string }, signal: AbortSignal): Promise<SettledView> {
    const { account, client, act } = await this.actions(input, 'e911.locations', 'provisionLocation')
    const before = this.deps.store.numbers.get(input)?.e911
    const result = await this.one.mutate(
      account,
      { action: 'e911.location.provision', target: input.e164, details: { locationId: input.locationId, before } },
      () => act({ e164: input.e164, locationId: input.locationId, signal }),
    )
    await this.one.refresh(account, client, input.e164, signal)
    return result
  }

  async removeLocation(input: NumberKey & { locationId: string }, signal: AbortSignal): Promise<SettledView> {
    const { account, client, act } = await this.actions(input, 'e911.locations', 'removeLocation')
    const result = await this.one.mutate(account, { action: 'e911.location.remove', target: input.e164, details: { locationId: input.locationId } }, () =>
      act({ e164: input.e164, locationId: input.locationId, signal }),
    )
    await this.one.refresh(account, client, input.e164, signal)
    return result
  }

  async history(key: NumberKey, signal: AbortSignal): Promise<E911LocationsView> {
    const { act } = await this.actions(key, 'e911.history', 'history')
    return { locations: await act({ e164: key.e164, signal }), asOf: this.deps.now() }
  }

  async alerts(key: NumberKey, signal: AbortSignal): Promise<E911AlertsView> {
    const { act } = await this.actions(key, 'e911.alerts', 'alerts')
    return { ...(await act({ e164: key.e164, signal })), asOf: this.deps.now() }
  }

  async addAlert(input: NumberKey & { email: string }, signal: AbortSignal): Promise<E911AlertsView & SettledView> {
    const { account, act } = await this.actions(input, 'e911.alerts', 'addAlert')
    const result = await this.one.mutate(account, { action: 'e911.alert.add', target: input.e164, details: { email: input.email } }, () =>
      act({ e164: input.e164, email: input.email, signal }),
    )
    return { ...result, asOf: this.deps.now() }
  }

  async removeAlert(input: NumberKey & { email: string }, signal: AbortSignal): Promise<E911AlertsView & SettledView> {
    const { account, act } = await this.actions(input, 'e911.alerts', 'removeAlert')
    const result = await this.one.mutate(account, { action: 'e911.alert.remove', target: input.e164, details: { email: input.email } }, () =>
      act({ e164: input.e164, email: input.email, signal }),
    )
    return { ...result, asOf: this.deps.now() }
  }
}
