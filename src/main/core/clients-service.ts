/**
 * End customers an account keeps at its carrier (Nexogy's residential clients), for the front doors: adopt
 * one made elsewhere, list the ones known, read a device's key on explicit request. Reached through the
 * adapter's `clients` actions, so no front door imports a carrier.
 */
import type { ClientActions, KnownClient } from '../carriers/adapter'
import { AppError } from '../lib/app-error'
import type { AccountsService } from './accounts-service'

export class ClientsService {
  constructor(private readonly accounts: AccountsService) {}

  private async actions(account: string): Promise<ClientActions> {
    const row = this.accounts.find(account)
    const client = await this.accounts.connect(row)
    if (!client.clients) throw new AppError('validation', `${row.name} is not an account whose carrier keeps clients (${row.carrier})`)
    return client.clients
  }

  /** `account` is an id or a name. */
  async adopt(
    input: { account: string; clientId: number; number: string; domain?: string | undefined },
    signal: AbortSignal,
  ): Promise<KnownClient> {
    const { account, ...options } = input
    return (await this.actions(account)).adopt({ ...options, signal })
  }

  async known(input: { account: string }): Promise<KnownClient[]> {
    return (await this.actions(input.account)).known()
  }

  async deviceKey(input: { account: string; clientId: number; extension: string }): Promise<string | undefined> {
    const { account, ...options } = input
    return (await this.actions(account)).deviceKey(options)
  }
}
