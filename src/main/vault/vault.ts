/**
 * Account secrets in the operating system's keychain (keytar), under the service `CarrierDesk`, one entry
 * per account secret (`<accountId>/<key>`), one per extra secret a carrier handed out
 * (`<accountId>/extra:<name>`), and one listing those names (`<accountId>/:names`). Secrets exist nowhere
 * else: not in SQLite, logs or errors.
 */
import keytar from 'keytar'
import { SecretKeySchema, type AccountSecrets, type SecretKey } from '../../shared/domain'
import { AppError } from '../lib/app-error'

export const keychainService = 'CarrierDesk'

export interface Vault {
  /** Stores the given secrets for an account; keys not given are left as they are. */
  put(accountId: string, secrets: AccountSecrets): Promise<void>
  /** The account's secrets: those named (the ones its row says are stored), or every one it holds. */
  get(accountId: string, keys?: readonly SecretKey[]): Promise<AccountSecrets>
  /**
   * Removes every secret of an account, including the extra ones a carrier handed out; `knownKeys` (the
   * names its row lists) are removed too, should the keychain's own list of names be missing.
   */
  removeAll(accountId: string, knownKeys?: readonly string[]): Promise<void>
  /** Secrets a carrier hands out for an account (e.g. a SIP device key), by name. */
  putExtra(accountId: string, name: string, value: string): Promise<void>
  getExtra(accountId: string, name: string): Promise<string | undefined>
}

const entryName = (accountId: string, key: SecretKey): string => `${accountId}/${key}`
const extraEntryName = (accountId: string, name: string): string => `${accountId}/extra:${name}`

/**
 * The tail of the keychain work in flight. keytar runs each call on a libuv pool thread, and libsecret's
 * synchronous API is not safe from several threads at once (atom/node-keytar#283); and an entry written
 * with its name in the index must not interleave with another update of that index. One turn at a time.
 */
let keychainQueue: Promise<unknown> = Promise.resolve()

function oneAtATime<T>(run: () => Promise<T>): Promise<T> {
  const next = keychainQueue.then(run, run)
  keychainQueue = next.catch(() => undefined)
  return next
}

async function keychain<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await oneAtATime(run)
  } catch (error) {
    // keytar's messages name the D-Bus/Keychain failure, never the secret; keep them for the user.
    const reason = error instanceof Error ? error.message : String(error)
    throw new AppError('internal', `The system keychain could not ${action}: ${reason}`)
  }
}

/**
 * The names (never the values) of an account's entries, kept in an entry of their own, so that reading or
 * removing every secret of an account asks for each by name. keytar's `findCredentials` is never used: when
 * an item it has listed vanishes before its secret is loaded (another process removing an account at that
 * moment), it dereferences a null secret and kills the process (SIGSEGV in `keytar::FindCredentials`).
 */
const indexEntryName = (accountId: string): string => `${accountId}/:names`

interface EntryNames {
  keys: string[]
  extras: string[]
}

async function readNames(service: string, accountId: string): Promise<EntryNames> {
  const text = await keytar.getPassword(service, indexEntryName(accountId))
  if (text === null) return { keys: [], extras: [] }
  try {
    const parsed = JSON.parse(text) as Partial<EntryNames>
    const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [])
    return { keys: strings(parsed.keys), extras: strings(parsed.extras) }
  } catch {
    return { keys: [], extras: [] }
  }
}

/** Adds names to the account's index (in the same keychain turn as the entries they name). */
async function addNames(service: string, accountId: string, added: Partial<EntryNames>): Promise<void> {
  const names = await readNames(service, accountId)
  const keys = [...new Set([...names.keys, ...(added.keys ?? [])])]
  const extras = [...new Set([...names.extras, ...(added.extras ?? [])])]
  if (keys.length === names.keys.length && extras.length === names.extras.length) return
  await keytar.setPassword(service, indexEntryName(accountId), JSON.stringify({ keys, extras }))
}

export function createKeychainVault(service: string = keychainService): Vault {
  return {
    async put(accountId, secrets) {
      const given = Object.entries(secrets).filter((entry): entry is [string, string] => entry[1] !== undefined)
      // A name is letters and digits (SecretKeySchema): never "extra:...", ":names" nor one with a slash.
      if (given.some(([key]) => !SecretKeySchema.safeParse(key).success)) throw new AppError('validation', 'A secret name is letters and digits')
      if (given.length === 0) return
      await keychain('store a secret', async () => {
        for (const [key, value] of given) await keytar.setPassword(service, entryName(accountId, key), value)
        await addNames(service, accountId, { keys: given.map(([key]) => key) })
      })
    },
    async get(accountId, keys) {
      return keychain('read a secret', async () => {
        const found: AccountSecrets = {}
        for (const key of keys ?? (await readNames(service, accountId)).keys) {
          const value = await keytar.getPassword(service, entryName(accountId, key))
          if (value !== null) found[key] = value
        }
        return found
      })
    },
    async removeAll(accountId, knownKeys = []) {
      await keychain('remove a secret', async () => {
        const names = await readNames(service, accountId)
        for (const key of new Set([...names.keys, ...knownKeys])) await keytar.deletePassword(service, entryName(accountId, key))
        for (const name of names.extras) await keytar.deletePassword(service, extraEntryName(accountId, name))
        await keytar.deletePassword(service, indexEntryName(accountId))
      })
    },
    async putExtra(accountId, name, value) {
      await keychain('store a secret', async () => {
        await keytar.setPassword(service, extraEntryName(accountId, name), value)
        await addNames(service, accountId, { extras: [name] })
      })
    },
    async getExtra(accountId, name) {
      const value = await keychain('read a secret', () => keytar.getPassword(service, extraEntryName(accountId, name)))
      return value ?? undefined
    },
  }
}
