/**
 * Pointing an account somewhere new must not hand its stored secrets to the new host unasked. A plain
 * listener on 127.0.0.1 (another port than any simulator) records every request it gets: after a base-URL
 * change that neither re-enters the secrets nor confirms the new host, a connection test still goes to the
 * simulator and the listener hears nothing; once the secrets are re-entered (or the host confirmed), the
 * test goes to the new host, carrying only what the user allowed. Plain http is refused beyond loopback.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CarrierId } from '../../src/shared/domain'
import { createKeychainVault } from '../../src/main/vault/vault'
import { openSandboxDesk, type SandboxDesk } from '../helpers/sandbox-desk'

interface Heard {
  method: string
  url: string
  headers: string
  body: string
}

describe('changing an account’s base URL', () => {
  let env: SandboxDesk
  let listener: Server
  let listenerHost = ''
  const heard: Heard[] = []
  const allStoredSecrets = (): string[] =>
    env.sandbox.list().flatMap((entry) => Object.values(entry.account.secrets).filter((v): v is string => !!v))
  const heardText = (): string => JSON.stringify(heard)

  beforeAll(async () => {
    env = await openSandboxDesk({ numbers: 500, seed: 31 })
    listener = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        heard.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: JSON.stringify(request.headers),
          body: Buffer.concat(chunks).toString('utf8'),
        })
        response.writeHead(404, { 'content-type': 'text/plain' }).end('listener')
      })
    })
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
    listenerHost = `127.0.0.1:${(listener.address() as AddressInfo).port}`
    for (const entry of env.sandbox.list()) expect(new URL(entry.baseUrl).host).not.toBe(listenerHost)
  })
  afterAll(async () => {
    await new Promise((resolve) => listener?.close(resolve))
    await env?.close()
  })

  const newUrl = (carrier: CarrierId): string => `http://${listenerHost}${new URL(env.account(carrier).baseUrl).pathname}`

  it('refuses a new host without the secrets or a confirmation, and sends nothing there', async () => {
    for (const account of env.accounts) {
      const refused = await env.dispatcher.invoke('accounts.update', { id: account.id, baseUrl: newUrl(account.carrier) })
      expect(refused.ok).toBe(false)
      if (refused.ok) continue
      expect(refused.error.code).toBe('validation')
      expect(refused.error.message).toContain(`sends to ${listenerHost}`)
      expect(refused.error.message).toMatch(/enter the stored secrets again .* or confirm/)
      const fields = (refused.error.details as { fields: Record<string, string> }).fields
      expect(Object.keys(fields)).toEqual(['baseUrl', ...account.storedSecrets.map((key) => `secrets.${key}`)])

      // A confirmation naming another host is no confirmation.
      const wrongHost = await env.dispatcher.invoke('accounts.update', {
        id: account.id, baseUrl: newUrl(account.carrier), confirmHost: '127.0.0.1:1',
      })
      expect(wrongHost.ok ? undefined : wrongHost.error.message).toBe(
        `The confirmation names 127.0.0.1:1, but the new base URL sends to ${listenerHost}`,
      )

      // The account still points at its simulator, and its connection test goes there.
      const [stored] = env.desk.accounts.list().filter((view) => view.id === account.id)
      expect(stored?.baseUrl).toBe(account.baseUrl)
      const tested = await env.dispatcher.invoke('accounts.test', { id: account.id })
      expect(tested.ok && tested.value.ok).toBe(true)
    }
    // Nexogy stores two secrets: entering one of them again is not enough.
    const nexogy = env.account('nexogy')
    const partly = await env.dispatcher.invoke('accounts.update', {
      id: nexogy.id, baseUrl: newUrl('nexogy'), secrets: { password: 'typed-again' },
    })
    expect(partly.ok ? undefined : partly.error.message).toMatch(/\(clientSecret\)/)
    expect(heard).toEqual([])
  })

  it('with every secret entered again, the new host gets only the new secrets', async () => {
    const call48 = env.account('call48')
    const fresh = `fresh-${Math.random().toString(36).slice(2)}`
    const updated = await env.dispatcher.invoke('accounts.update', {
      id: call48.id, baseUrl: newUrl('call48'), secrets: { password: fresh },
    })
    expect(updated.ok && updated.value.baseUrl).toBe(newUrl('call48'))
    const tested = await env.dispatcher.invoke('accounts.test', { id: call48.id })
    expect(tested.ok && tested.value.ok).toBe(false)
    expect(heard.length).toBeGreaterThan(0)
    expect(heardText()).toContain(fresh)
    for (const secret of allStoredSecrets()) expect(heardText()).not.toContain(secret)
    expect(await createKeychainVault().get(call48.id)).toEqual({ password: fresh })
  })

  it('with the new host confirmed by name, the stored secrets may go there', async () => {
    const vitcom = env.account('vitcom')
    heard.length = 0
    const updated = await env.dispatcher.invoke('accounts.update', {
      id: vitcom.id, baseUrl: newUrl('vitcom'), confirmHost: listenerHost.toUpperCase(),
    })
    expect(updated.ok && updated.value.baseUrl).toBe(newUrl('vitcom'))
    await env.dispatcher.invoke('accounts.test', { id: vitcom.id })
    expect(heard.length).toBeGreaterThan(0)
    expect(heardText()).toContain(env.sandbox.carriers.vitcom!.account.secrets.token!)
    // Moving back to the simulator is a new host again.
    const back = await env.dispatcher.invoke('accounts.update', { id: vitcom.id, baseUrl: vitcom.baseUrl })
    expect(back.ok).toBe(false)
  })

  it('keeps the origin: a new path on the same host needs no confirmation', async () => {
    const vi = env.account('voip-innovations')
    const samePlace = new URL(vi.baseUrl)
    samePlace.search = '?from=test'
    const updated = await env.dispatcher.invoke('accounts.update', { id: vi.id, baseUrl: samePlace.href })
    expect(updated.ok).toBe(true)
    const restored = await env.dispatcher.invoke('accounts.update', { id: vi.id, baseUrl: vi.baseUrl })
    expect(restored.ok).toBe(true)
  })

  it('refuses plain http to anything but this machine, and credentials inside the URL', async () => {
    const add = (baseUrl: string) =>
      env.dispatcher.invoke('accounts.add', {
        carrier: 'call48', name: `Call48 ${baseUrl}`.slice(0, 80), baseUrl, username: 'u', secrets: { password: 'p' },
      })
    for (const baseUrl of ['http://carrier.example/api/v4', 'http://10.0.0.8/api', 'http://128.0.0.1/', 'http://localhost.example.net/']) {
      const refused = await add(baseUrl)
      expect(refused.ok ? undefined : refused.error.message).toMatch(/^baseUrl: Base URL must use https/)
      const update = await env.dispatcher.invoke('accounts.update', { id: env.account('nexogy').id, baseUrl, confirmHost: new URL(baseUrl).host })
      expect(update.ok ? undefined : update.error.message).toMatch(/^baseUrl: Base URL must use https/)
    }
    expect((await add('https://user:pw@carrier.example/api/v4')).ok).toBe(false)
    for (const baseUrl of ['https://carrier.example/api/v4', 'http://127.3.4.5:9/', 'http://localhost:9/', 'http://[::1]:9/']) {
      const added = await add(baseUrl)
      expect(added.ok).toBe(true)
      if (added.ok) await env.desk.accounts.remove({ id: added.value.id })
    }
  })
})
