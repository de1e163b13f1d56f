/**
 * Account secrets in the operating system's keychain (keytar), under the service `CarrierDesk`, one entry
 * per account secret (`<accountId>/<key>`). Secrets exist nowhere else: not in SQLite, logs or errors.
 */
import keytar from 'keytar'
import { SecretKeySchema, type AccountSecrets, type SecretKey } from '../../shared/domain'
import { AppError } from '../lib/app-error'

export const keychainService = 'CarrierDesk'

export interface Vault {
  /** Stores the given secrets for an account; keys not given are left as they are. */
  put(accountId: string, secrets: AccountSecrets): Promise<void>
  /** The account's secrets: those named (the ones its row says are stored), or every one found. */
  get(accountId: string, keys?: readonly SecretKey[]): Promise<AccountSecrets>
  /** Removes every secret of an account, including the extra ones a carrier handed out. */
  removeAll(accountId: string): Promise<void>
  /** Secrets a carrier hands out for an account (e.g. a SIP device key), by name. */
  putExtra(accountId: string, name: string, value: string): Promise<void>
  getExtra(accountId: string, name: string): Promise<string | undefined>
}

const entryName = (accountId: string, key: SecretKey): string => `${accountId}/${key}`
const extraEntryName = (accountId: string, name: string): string => `${accountId}/extra:${name}`

async function keychain<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    // keytar's messages name the D-Bus/Keychain failure, never the secret; keep them for the user.
    const reason = error instanceof Error ? error.message : String(error)
    throw new AppError('internal', `The system keychain could not ${action}: ${reason}`)
  }
}

/**
 * Every entry of the service. The Secret Service lists the items and then reads each one, so an entry that
 * another process (or another account's removal) deletes in between fails the whole listing with "No such
 * secret item": list again, a few times, rather than fail a removal over someone else's entry.
 */
async function listCredentials(service: string): Promise<{ account: string; password: string }[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await keytar.findCredentials(service)
    } catch (error) {
      const vanished = error instanceof Error && /No such secret item/i.test(error.message)
      if (!vanished || attempt >= 5) throw error
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt))
    }
  }
}

export function createKeychainVault(service: string = keychainService): Vault {
  return {
    async put(accountId, secrets) {
      for (const [key, value] of Object.entries(secrets)) {
        // A name is letters and digits (SecretKeySchema): never "extra:..." nor one with a slash.
        if (!SecretKeySchema.safeParse(key).success) throw new AppError('validation', 'A secret name is letters and digits')
        if (value !== undefined) {
          await keychain('store a secret', () => keytar.setPassword(service, entryName(accountId, key), value))
        }
      }
    },
    async get(accountId, keys) {
      const found: AccountSecrets = {}
      if (keys) {
        for (const key of keys) {
          const value = await keychain('read a secret', () => keytar.getPassword(service, entryName(accountId, key)))
          if (value !== null) found[key] = value
        }
        return found
      }
      for (const { account, password } of await keychain('list secrets', () => listCredentials(service))) {
        const key = account.startsWith(`${accountId}/`) ? account.slice(accountId.length + 1) : undefined
        if (key !== undefined && !key.startsWith('extra:')) found[key] = password
      }
      return found
    },
    async removeAll(accountId) {
      const entries = await keychain('list secrets', () => listCredentials(service))
      for (const { account } of entries) {
        if (account.startsWith(`${accountId}/`)) {
          await keychain('remove a secret', () => keytar.deletePassword(service, account))
        }
      }
    },
    async putExtra(accountId, name, value) {
      await keychain('store a secret', () => keytar.setPassword(service, extraEntryName(accountId, name), value))
    },
    async getExtra(accountId, name) {
      const value = await keychain('read a secret', () => keytar.getPassword(service, extraEntryName(accountId, name)))
      return value ?? undefined
    },
  }
}
