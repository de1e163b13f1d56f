/**
 * Carrier accounts: settings in SQLite, secrets in the keychain, every change in the activity log.
 *
 * The keychain and SQLite cannot share a transaction, so each change is ordered to fail safe: an account
 * row only exists once its secrets are stored, and removing an account forgets its secrets first.
 */
import { randomUUID } from 'node:crypto'
import { reservedAccountKeys, type AccountSecrets, type AccountView, type CarrierSettings, type SecretKey } from '../../shared/domain'
import { baseUrlHost, changesOrigin } from '../../shared/base-url'
import type { AccountInputSchema, AccountUpdateSchema, ConnectionTestResult } from '../../shared/ipc-shared'
import type { z } from 'zod'
import type { AccountContext, CarrierAdapter, CarrierClient } from '../carriers/adapter'
import type { CarrierRegistry } from '../carriers/registry'
import type { AccountMemoRepository } from '../store/repositories/account-memo'
import type { AccountRow, AccountsRepository } from '../store/repositories/accounts'
import type { SyncRunsRepository } from '../store/repositories/sync-runs'
import type { Vault } from '../vault/vault'
import type { ActivityLog } from './activity-log'
import { AppError } from '../lib/app-error'
import { connectAccount } from './connect-account'
import type { EventHub } from './events'

/** The inputs as the contract's schemas parsed them (defaults applied). */
type ParsedAccountInput = z.output<typeof AccountInputSchema>
type ParsedAccountUpdate = z.output<typeof AccountUpdateSchema>

export interface AccountsServiceDeps {
  accounts: AccountsRepository
  memo: AccountMemoRepository
  syncRuns: SyncRunsRepository
  vault: Vault
  registry: CarrierRegistry
  activity: ActivityLog
  events: EventHub
  now: () => number
}

const commonInputKeys = new Set(reservedAccountKeys)

/** The carrier settings an input gives (a blank one clears the setting: `''`), by key. */
function givenSettings(input: Record<string, unknown>): Map<string, string> {
  const given = new Map<string, string>()
  for (const [key, value] of Object.entries(input)) {
    if (commonInputKeys.has(key) || value === undefined) continue
    // The contract lets only strings through here; anything else is not a setting.
    if (typeof value !== 'string') throw new AppError('validation', `${key}: must be text`, { fields: { [key]: 'must be text' } })
    given.set(key, value.trim())
  }
  return given
}

/** The settings as the carrier's adapter accepts them, or a validation error naming each field at fault. */
function checkedSettings(adapter: CarrierAdapter, settings: CarrierSettings): CarrierSettings {
  const parsed = adapter.settings.schema.safeParse(settings)
  if (parsed.success) return parsed.data as CarrierSettings
  const fields: Record<string, string> = {}
  const labels = new Map(adapter.settings.fields.map((field) => [field.key, field.label]))
  const known = adapter.settings.fields.map((field) => field.key).join(', ') || 'none'
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] = `${adapter.name} takes no setting named ${key} (its settings: ${known})`
      continue
    }
    const key = String(issue.path[0] ?? 'settings')
    const label = labels.get(key) ?? key
    fields[key] ??= settings[key] === undefined ? `${label} is required for ${adapter.name}` : `${label}: ${issue.message}`
  }
  throw new AppError('validation', Object.values(fields).join('; '), { fields })
}

/** The secrets entered, checked against the names the carrier takes; blank ones are left out. */
function enteredSecrets(adapter: CarrierAdapter, secrets: AccountSecrets | undefined): AccountSecrets {
  const names = new Set(adapter.secretFields.map((field) => field.key))
  const found: AccountSecrets = {}
  const unknown: Record<string, string> = {}
  for (const [key, value] of Object.entries(secrets ?? {})) {
    if (!names.has(key)) unknown[`secrets.${key}`] = `${adapter.name} takes no secret named ${key} (its secrets: ${[...names].join(', ') || 'none'})`
    else if (value !== undefined && value !== '') found[key] = value
  }
  if (Object.keys(unknown).length > 0) throw new AppError('validation', Object.values(unknown).join('; '), { fields: unknown })
  return found
}

/** Checks the secrets the carrier needs are all stored; says which are missing. */
function checkSecretsComplete(adapter: CarrierAdapter, secretsStored: SecretKey[]): void {
  const missing: Record<string, string> = {}
  for (const field of adapter.secretFields) {
    if (!secretsStored.includes(field.key)) missing[`secrets.${field.key}`] = `${field.label} is required for ${adapter.name}`
  }
  if (Object.keys(missing).length > 0) {
    throw new AppError('validation', Object.values(missing).join('; '), { fields: missing })
  }
}

/** The secret names stored after storing `entered` over `stored`, in the order the carrier lists them. */
const storedAfter = (adapter: CarrierAdapter, stored: readonly SecretKey[], entered: AccountSecrets): SecretKey[] =>
  adapter.secretFields.map((field) => field.key).filter((key) => stored.includes(key) || entered[key] !== undefined)

/**
 * A base URL that sends somewhere new must not carry the stored secrets there unasked: the update has to
 * enter every stored secret again, or name the new host in `confirmHost` (see AccountUpdateSchema).
 */
function checkNewHostTrusted(current: AccountRow, baseUrl: string, entered: AccountSecrets, confirmHost: string | undefined): void {
  if (!changesOrigin(current.baseUrl, baseUrl)) return
  const missing = current.storedSecrets.filter((key) => entered[key] === undefined)
  if (missing.length === 0) return
  const host = baseUrlHost(baseUrl) ?? baseUrl
  if (confirmHost?.toLowerCase() === host) return
  const from = baseUrlHost(current.baseUrl) ?? current.baseUrl
  const message = confirmHost
    ? `The confirmation names ${confirmHost}, but the new base URL sends to ${host}`
    : `The new base URL sends to ${host} instead of ${from}: enter the stored secrets again (${missing.join(', ')}) or confirm that ${host} may receive them`
  const fields: Record<string, string> = { baseUrl: message }
  for (const key of missing) fields[`secrets.${key}`] = `Enter it again for ${host}, or confirm the new host`
  throw new AppError('validation', message, { fields, newHost: host })
}

export class AccountsService {
  private readonly clients = new Map<string, { client: CarrierClient; updatedAt: number }>()

  constructor(private readonly deps: AccountsServiceDeps) {}

  /** The account as the front doors show it: its carrier's settings beside the common fields. */
  private view({ settings, ...row }: AccountRow): AccountView {
    return { ...settings, ...row, lastSync: this.deps.syncRuns.lastFor(row.id) }
  }

  list(): AccountView[] {
    return this.deps.accounts.list().map((row) => this.view(row))
  }

  /** An account by id or, for the CLI, by name. */
  find(idOrName: string): AccountRow {
    const row = this.deps.accounts.get(idOrName) ?? this.deps.accounts.findByName(idOrName)
    if (!row) throw new AppError('not-found', `No account named or with id "${idOrName}"`)
    return row
  }

  private ensureNameFree(name: string, exceptId?: string): void {
    const existing = this.deps.accounts.findByName(name)
    if (existing && existing.id !== exceptId) {
      throw new AppError('conflict', `An account named "${name}" already exists`, { fields: { name: 'Name is taken' } })
    }
  }

  async add(input: ParsedAccountInput): Promise<AccountView> {
    const adapter = this.deps.registry.require(input.carrier)
    this.ensureNameFree(input.name)
    const settings = checkedSettings(adapter, Object.fromEntries([...givenSettings(input)].filter(([, value]) => value !== '')))
    const secrets = enteredSecrets(adapter, input.secrets)
    const now = this.deps.now()
    const row: AccountRow = {
      id: randomUUID(),
      carrier: adapter.id,
      name: input.name,
      baseUrl: input.baseUrl,
      environment: input.environment,
      settings,
      storedSecrets: storedAfter(adapter, [], secrets),
      createdAt: now,
      updatedAt: now,
    }
    checkSecretsComplete(adapter, row.storedSecrets)
    await this.deps.vault.put(row.id, secrets)
    try {
      this.deps.accounts.insert(row)
    } catch (error) {
      await this.deps.vault.removeAll(row.id, row.storedSecrets)
      throw error
    }
    this.deps.activity.record({
      accountId: row.id,
      carrier: row.carrier,
      action: 'account.add',
      target: row.name,
      result: 'succeeded',
      details: { baseUrl: row.baseUrl, environment: row.environment, secretsStored: row.storedSecrets },
    })
    this.deps.events.emit('accounts.changed', { accountIds: [row.id] })
    return this.view(row)
  }

  async update(input: ParsedAccountUpdate): Promise<AccountView> {
    const current = this.find(input.id)
    const adapter = this.deps.registry.get(current.carrier)
    if (input.name !== undefined) this.ensureNameFree(input.name, current.id)
    const settings: CarrierSettings = { ...current.settings }
    for (const [key, value] of givenSettings(input)) {
      if (value === '') delete settings[key]
      else settings[key] = value
    }
    const secrets = enteredSecrets(adapter, input.secrets)
    const next: AccountRow = {
      ...current,
      name: input.name ?? current.name,
      baseUrl: input.baseUrl ?? current.baseUrl,
      environment: input.environment ?? current.environment,
      settings: checkedSettings(adapter, settings),
      storedSecrets: storedAfter(adapter, current.storedSecrets, secrets),
      updatedAt: this.deps.now(),
    }
    checkSecretsComplete(adapter, next.storedSecrets)
    checkNewHostTrusted(current, next.baseUrl, secrets, input.confirmHost)
    await this.deps.vault.put(current.id, secrets)
    this.deps.accounts.update(next)
    const changed = Object.keys(input).filter(
      (key) => key !== 'id' && key !== 'secrets' && key !== 'confirmHost' && input[key as keyof ParsedAccountUpdate] !== undefined,
    )
    this.deps.activity.record({
      accountId: next.id,
      carrier: next.carrier,
      action: 'account.update',
      target: next.name,
      result: 'succeeded',
      details: { changed, secretsReplaced: Object.keys(secrets) },
    })
    this.deps.events.emit('accounts.changed', { accountIds: [next.id] })
    return this.view(next)
  }

  async remove(options: { id: string }): Promise<{ removed: boolean }> {
    const row = this.find(options.id)
    // Secrets first: a failure here leaves the account listed, so the user can retry; never orphaned secrets.
    await this.deps.vault.removeAll(row.id, row.storedSecrets)
    const removed = this.deps.accounts.delete(row.id)
    this.clients.delete(row.id)
    this.deps.activity.record({
      carrier: row.carrier,
      action: 'account.remove',
      target: row.name,
      result: removed ? 'succeeded' : 'failed',
      details: { accountId: row.id },
    })
    this.deps.events.emit('accounts.changed', { accountIds: [row.id] })
    return { removed }
  }

  /**
   * The account's carrier client, connected once and kept (with its token in memory) until the account's
   * settings change; a test connection always starts afresh.
   */
  async connect(row: AccountRow, options: { fresh?: boolean } = {}): Promise<CarrierClient> {
    const cached = this.clients.get(row.id)
    if (!options.fresh && cached && cached.updatedAt === row.updatedAt) return cached.client
    const secrets = await this.secretsOf(row)
    const client = connectAccount(this.deps.registry, row, secrets, this.deps.memo, this.keychainOf(row))
    this.clients.set(row.id, { client, updatedAt: row.updatedAt })
    return client
  }

  /** The account's secrets from the keychain, for a client connected here or in a sync worker. */
  secretsOf(row: AccountRow): Promise<AccountSecrets> {
    return this.deps.vault.get(row.id, row.storedSecrets)
  }

  /** The keychain entries the account's carrier hands out (a Nexogy device's SIP key). */
  keychainOf(row: AccountRow): AccountContext['secrets'] {
    const { vault } = this.deps
    return {
      put: (name, value) => vault.putExtra(row.id, name, value),
      get: (name) => vault.getExtra(row.id, name),
    }
  }

  async test(options: { id: string; signal: AbortSignal }): Promise<ConnectionTestResult> {
    const row = this.find(options.id)
    const client = await this.connect(row, { fresh: true })
    const started = performance.now()
    try {
      const { message } = await client.testConnection({ signal: options.signal })
      return { ok: true, latencyMs: Math.round(performance.now() - started), message }
    } catch (error) {
      if (error instanceof AppError && ['carrier', 'auth', 'network'].includes(error.code)) {
        return { ok: false, latencyMs: Math.round(performance.now() - started), message: error.message }
      }
      throw error
    }
  }
}
