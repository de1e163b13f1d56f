/**
 * An account's carrier client, built from its row, its secrets and what the client may keep between runs
 * (its memo in SQLite, the keychain entries the carrier hands out). The accounts service connects this way
 * on the calling thread, a sync worker (sync/worker.ts) on its own.
 */
import type { AccountSecrets } from '../../shared/domain'
import type { AccountContext, CarrierClient, ConnectedAccount } from '../carriers/adapter'
import type { CarrierRegistry } from '../carriers/registry'
import type { AccountMemoRepository } from '../store/repositories/account-memo'
import type { AccountRow } from '../store/repositories/accounts'

export function connectAccount(
  registry: CarrierRegistry,
  row: AccountRow,
  secrets: AccountSecrets,
  memo: AccountMemoRepository,
  keychain: AccountContext['secrets'],
): CarrierClient {
  const account: ConnectedAccount = { ...row.settings, id: row.id, carrier: row.carrier, name: row.name, baseUrl: row.baseUrl, environment: row.environment }
  return registry.get(row.carrier).connect(account, secrets, {
    memo: {
      get: (key) => memo.get(row.id, key),
      set: (key, value) => memo.set(row.id, key, value),
    },
    secrets: keychain,
  })
}
