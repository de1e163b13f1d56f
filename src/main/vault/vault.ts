/**
 * Account secrets in the operating system's keychain (keytar), under the service `CarrierDesk`, one entry
 * per account secret (`<accountId>/<key>`). Secrets exist nowhere else: not in SQLite, logs or errors.
 */
import keytar from 'keytar'
import { secretKeys, type AccountSecrets, type SecretKey } from '../../shared/domain'
import { AppError } from '../core/app-error'

export const keychainService = 'CarrierDesk'

export interface Vault {
  /** Stores the given secrets for an account; keys not given are left as they are. */
  put(accountId: string, secrets: AccountSecrets): Promise<void>
  get(accountId: string): Promise<AccountSecrets>
  /** Removes every secret of an account. */
  removeAll(accountId: string): Promise<void>
}

const entryName = (accountId: string, key: SecretKey): string => `${accountId}/${key}`

async function keychain<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    // keytar's messages name the D-Bus/Keychain failure, never the secret; keep them for the user.
    const reason = error instanceof Error ? error.message : String(error)
    throw new AppError('internal', `The system keychain could not ${action}: ${reason}`)
  }
}

export function createKeychainVault(service: string = keychainService): Vault {
  return {
    async put(accountId, secrets) {
      for (const key of secretKeys) {
        const value = secrets[key]
        if (value !== undefined) {
          await keychain('store a secret', () => keytar.setPassword(service, entryName(accountId, key), value))
        }
      }
    },
    async get(accountId) {
      const found: AccountSecrets = {}
      for (const key of secretKeys) {
        const value = await keychain('read a secret', () => keytar.getPassword(service, entryName(accountId, key)))
        if (value !== null) found[key] = value
      }
      return found
    },
    async removeAll(accountId) {
      for (const key of secretKeys) {
        await keychain('remove a secret', () => keytar.deletePassword(service, entryName(accountId, key)))
      }
    },
  }
}
