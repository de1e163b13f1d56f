/**
 * Carrier accounts: settings in SQLite, secrets in the keychain, every change in the activity log.
 *
 * The keychain and SQLite cannot share a transaction, so each change is ordered to fail safe: an account
 * row only exists once its secrets are stored, and removing an account forgets its secrets first.
 */
import { randomUUID } from 'node:crypto'
import type { AccountSecrets, AccountView, SecretKey } from '../../shared/domain'
import { secretKeys } from '../../shared/domain'
import { baseUrlHost, changesOrigin } from '../../shared/base-url'
import type { AccountInputSchema, AccountUpdateSchema, ConnectionTestResult } from '../../shared/ipc-shared'
import type { z } from 'zod'
import type { CarrierAdapter, CarrierClient } from '../carriers/adapter'
import type { CarrierRegistry } from '../carriers/registry'
import type { AccountMemoRepository } from '../store/repositories/account-memo'
import type { AccountRow, AccountsRepository } from '../store/repositories/accounts'
import type { SyncRunsRepository } from '../store/repositories/sync-runs'
import type { Vault } from '../vault/vault'
import type { ActivityLog } from './activity-log'
import { AppError } from '../lib/app-error'
import type { EventHub } from './events'

type AccountInput = z.output<typeof AccountInputSchema>
type AccountUpdate = z.output<typeof AccountUpdateSchema>

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

function definedSecrets(secrets: AccountSecrets | undefined): AccountSecrets {
  const found: AccountSecrets = {}
  for (const key of secretKeys) {
    const value = secrets?.[key]
    if (value !== undefined && value !== '') found[key] = value
  }
  return found
}

/** Checks the fields and secrets the carrier needs are present; says which are missing. */
function checkComplete(adapter: CarrierAdapter, row: AccountRow, secretsStored: SecretKey[]): void {
  const missing: Record<string, string> = {}
  for (const field of adapter.fields) {
    if (field.required && !row[field.key]) missing[field.key] = `${field.label} is required for ${adapter.name}`
  }
  for (const field of adapter.secretFields) {
    if (!secretsStored.includes(field.key)) missing[`secrets.${field.key}`] = `${field.label} is required for ${adapter.name}`
  }
  if (Object.keys(missing).length > 0) {
    throw new AppError('validation', Object.values(missing).join('; '), { fields: missing })
  }
}

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

  private view(row: AccountRow): AccountView {
    return { ...row, lastSync: this.deps.syncRuns.lastFor(row.id) }
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

  async add(input: AccountInput): Promise<AccountView> {
    const adapter = this.deps.registry.get(input.carrier)
    this.ensureNameFree(input.name)
    const secrets = definedSecrets(input.secrets)
    const now = this.deps.now()
    const row: AccountRow = {
      id: randomUUID(),
      carrier: input.carrier,
      name: input.name,
      baseUrl: input.baseUrl,
      environment: input.environment,
      username: input.username || undefined,
      accountNo: input.accountNo || undefined,
      clientId: input.clientId || undefined,
      scope: input.scope || undefined,
      storedSecrets: secretKeys.filter((key) => secrets[key] !== undefined),
      createdAt: now,
      updatedAt: now,
    }
    checkComplete(adapter, row, row.storedSecrets)
    await this.deps.vault.put(row.id, secrets)
    try {
      this.deps.accounts.insert(row)
    } catch (error) {
      await this.deps.vault.removeAll(row.id)
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

  async update(input: AccountUpdate): Promise<AccountView> {
    const current = this.find(input.id)
    const adapter = this.deps.registry.get(current.carrier)
    if (input.name !== undefined) this.ensureNameFree(input.name, current.id)
    const secrets = definedSecrets(input.secrets)
    const pick = (value: string | undefined, previous: string | undefined): string | undefined =>
      value === undefined ? previous : value || undefined
    const next: AccountRow = {
      ...current,
      name: input.name ?? current.name,
      baseUrl: input.baseUrl ?? current.baseUrl,
      environment: input.environment ?? current.environment,
      username: pick(input.username, current.username),
      accountNo: pick(input.accountNo, current.accountNo),
      clientId: pick(input.clientId, current.clientId),
      scope: pick(input.scope, current.scope),
      storedSecrets: secretKeys.filter((key) => current.storedSecrets.includes(key) || secrets[key] !== undefined),
      updatedAt: this.deps.now(),
    }
    checkComplete(adapter, next, next.storedSecrets)
    checkNewHostTrusted(current, next.baseUrl, secrets, input.confirmHost)
    await this.deps.vault.put(current.id, secrets)
    this.deps.accounts.update(next)
    const changed = Object.keys(input).filter(
      (key) => key !== 'id' && key !== 'secrets' && key !== 'confirmHost' && input[key as keyof AccountUpdate] !== undefined,
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
    await this.deps.vault.removeAll(row.id)
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
    const secrets = await this.deps.vault.get(row.id)
    const { memo, vault } = this.deps
    const client = this.deps.registry.get(row.carrier).connect(row, secrets, {
      memo: {
        get: (key) => memo.get(row.id, key),
        set: (key, value) => memo.set(row.id, key, value),
      },
      secrets: {
        put: (name, value) => vault.putExtra(row.id, name, value),
        get: (name) => vault.getExtra(row.id, name),
      },
    })
    this.clients.set(row.id, { client, updatedAt: row.updatedAt })
    return client
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
