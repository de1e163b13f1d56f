import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCarrierDesk, type CarrierDesk } from '../../src/main/core/carrierdesk'
import { createDispatcher, type Dispatcher } from '../../src/main/core/dispatcher'
import { createKeychainVault } from '../../src/main/vault/vault'
import { requireKeyring, tempDir } from '../helpers/temp'

const password = `pw-${Math.random().toString(36).slice(2)}-SECRET`

describe('accounts through the dispatcher (real SQLite, real keychain)', () => {
  const dir = tempDir()
  let desk: CarrierDesk
  let dispatcher: Dispatcher
  beforeAll(() => {
    requireKeyring()
    desk = createCarrierDesk({ dataDir: dir.path, actor: 'test:accounts' })
    dispatcher = createDispatcher(desk)
  })
  afterAll(async () => {
    await desk.close()
    dir.remove()
  })

  const add = (overrides: Record<string, unknown> = {}) =>
    dispatcher.invoke('accounts.add', {
      carrier: 'call48',
      name: 'Call48 main',
      baseUrl: 'http://127.0.0.1:9/api/v4',
      environment: 'staging',
      username: 'noc-user',
      secrets: { password },
      ...overrides,
    })

  it('rejects bad input with a validation error naming the fields, and stores nothing', async () => {
    const result = await add({ name: '  ', baseUrl: 'ftp://example', carrier: 'nope' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('validation')
    expect(Object.keys((result.error.details as { fields: object }).fields)).toEqual(
      expect.arrayContaining(['carrier', 'name', 'baseUrl']),
    )
    const missingSecret = await add({ secrets: {} })
    expect(missingSecret.ok ? undefined : missingSecret.error.code).toBe('validation')
    expect(missingSecret.ok ? '' : missingSecret.error.message).toMatch(/Password is required/)
    const unknownKey = await dispatcher.invoke('accounts.remove', { id: 'x', extra: true })
    expect(unknownKey.ok ? undefined : unknownKey.error.code).toBe('validation')
    const listed = await dispatcher.invoke('accounts.list', {})
    expect(listed.ok && listed.value).toEqual([])
  })

  it('adds an account: settings in SQLite, the secret only in the keychain', async () => {
    const result = await add()
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toMatchObject({ name: 'Call48 main', carrier: 'call48', storedSecrets: ['password'] })
    expect(JSON.stringify(result.value)).not.toContain(password)
    expect(await createKeychainVault().get(result.value.id)).toEqual({ password })

    // Nothing in the data directory (database, WAL, logs) holds the secret.
    for (const file of readdirSync(dir.path)) {
      expect(readFileSync(join(dir.path, file)).includes(Buffer.from(password))).toBe(false)
    }
    const activity = await dispatcher.invoke('activity.list', {})
    expect(activity.ok && activity.value[0]).toMatchObject({ action: 'account.add', target: 'Call48 main', result: 'succeeded', actor: 'test:accounts' })
    expect(JSON.stringify(activity)).not.toContain(password)
  })

  it('refuses a second account with the same name', async () => {
    const result = await add({ name: 'call48 MAIN' })
    expect(result.ok ? undefined : result.error.code).toBe('conflict')
  })

  it('edits settings and keeps secrets that were not retyped', async () => {
    const list = await dispatcher.invoke('accounts.list', {})
    const id = list.ok ? list.value[0]!.id : ''
    const updated = await dispatcher.invoke('accounts.update', { id, name: 'Call48 NOC', username: 'noc-2' })
    expect(updated.ok && updated.value).toMatchObject({ name: 'Call48 NOC', username: 'noc-2', storedSecrets: ['password'] })
    expect(await createKeychainVault().get(id)).toEqual({ password })
  })

  it('removes an account and its keychain entries', async () => {
    const list = await dispatcher.invoke('accounts.list', {})
    const id = list.ok ? list.value[0]!.id : ''
    const events: string[][] = []
    const stop = dispatcher.subscribe('accounts.changed', (payload) => events.push(payload.accountIds))
    const removed = await dispatcher.invoke('accounts.remove', { id })
    stop()
    expect(removed.ok && removed.value).toEqual({ removed: true })
    expect(events).toEqual([[id]])
    expect(await createKeychainVault().get(id)).toEqual({})
    const after = await dispatcher.invoke('accounts.list', {})
    expect(after.ok && after.value).toEqual([])
    const again = await dispatcher.invoke('accounts.remove', { id })
    expect(again.ok ? undefined : again.error.code).toBe('not-found')
  })
})
