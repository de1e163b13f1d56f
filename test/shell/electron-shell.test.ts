/**
 * The Electron shell under a stand-in for the `electron` module (the one thing that cannot run here):
 * it must create a hardened window, deny navigation and new windows, apply the CSP, register exactly the
 * contract's channels, refuse IPC from any sender but its own renderer, deny every permission check, and
 * open in the browser only links to the carriers' documented hosts.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { cancelChannelName, channelNames, invokeChannelName } from '../../src/shared/ipc-names'
import { CarrierRegistry } from '../../src/main/carriers/registry'
import { isAllowedExternalUrl } from '../../src/main/shell/external-links'
import { contentSecurityPolicy } from '../../src/main/shell/window-options'
import { requireKeyring, tempDir } from '../helpers/temp'

const dataDir = tempDir()

const recorded = vi.hoisted(() => ({
  windowOptions: undefined as undefined | Record<string, any>,
  handlers: new Map<string, (event: unknown, input: unknown, requestId?: unknown) => unknown>(),
  listeners: new Map<string, (event: unknown, ...args: unknown[]) => void>(),
  webContentsEvents: new Map<string, (event: { preventDefault(): void }) => void>(),
  windowOpenHandler: undefined as undefined | ((details: { url: string }) => { action: string }),
  headersHandler: undefined as undefined | ((details: any, callback: (response: any) => void) => void),
  beforeRequest: undefined as undefined | ((details: any, callback: (response: any) => void) => void),
  permissionHandler: undefined as undefined | ((...args: any[]) => void),
  permissionCheckHandler: undefined as undefined | ((...args: any[]) => boolean),
  openedExternally: [] as string[],
  loadedUrl: '',
  appEvents: new Map<string, () => void>(),
  webContents: undefined as unknown,
  dataDir: '',
}))

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      setWindowOpenHandler: (handler: never) => (recorded.windowOpenHandler = handler),
      on: (name: string, handler: never) => recorded.webContentsEvents.set(name, handler),
      send: () => undefined,
    }
    constructor(options: Record<string, unknown>) {
      recorded.windowOptions = options
      recorded.webContents = this.webContents
    }
    once() {}
    show() {}
    isDestroyed() {
      return false
    }
    async loadURL(url: string) {
      recorded.loadedUrl = url
    }
  }
  return {
    app: {
      isPackaged: true,
      whenReady: async () => undefined,
      getPath: () => recorded.dataDir,
      on: (name: string, handler: () => void) => recorded.appEvents.set(name, handler),
      quit: () => undefined,
    },
    BrowserWindow,
    ipcMain: {
      handle: (name: string, handler: never) => recorded.handlers.set(name, handler),
      on: (name: string, listener: never) => recorded.listeners.set(name, listener),
    },
    net: { isOnline: () => true },
    shell: {
      openExternal: async (url: string) => {
        recorded.openedExternally.push(url)
      },
    },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived: (handler: never) => (recorded.headersHandler = handler),
          onBeforeRequest: (handler: never) => (recorded.beforeRequest = handler),
        },
        setPermissionRequestHandler: (handler: never) => (recorded.permissionHandler = handler),
        setPermissionCheckHandler: (handler: never) => (recorded.permissionCheckHandler = handler),
      },
    },
  }
})

describe('the Electron shell', () => {
  beforeAll(async () => {
    requireKeyring()
    recorded.dataDir = dataDir.path
    await import('../../src/main/shell/main')
    await vi.waitFor(() => expect(recorded.loadedUrl).not.toBe(''), { timeout: 20_000 })
  })
  afterAll(async () => {
    recorded.appEvents.get('window-all-closed')?.()
    await new Promise((resolve) => setTimeout(resolve, 200))
    dataDir.remove()
  })

  it('creates the window with isolation, sandbox and no Node integration', () => {
    expect(recorded.windowOptions?.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
    })
    expect(recorded.windowOptions?.webPreferences.preload).toMatch(/preload[/\\]index\.cjs$/)
    expect(recorded.loadedUrl).toMatch(/^file:.*renderer\/index\.html$/)
  })

  it('denies navigation and new windows, and every permission request', () => {
    let prevented = false
    recorded.webContentsEvents.get('will-navigate')?.({ preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
    expect(recorded.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' })
    let granted: boolean | undefined
    recorded.permissionHandler?.({}, 'media', (allow: boolean) => (granted = allow))
    expect(granted).toBe(false)
    expect(recorded.permissionCheckHandler).toBeTypeOf('function')
    for (const permission of ['clipboard-read', 'media', 'notifications', 'geolocation']) {
      expect(recorded.permissionCheckHandler?.({}, permission, 'file:///', {})).toBe(false)
    }
  })

  it('opens only the carriers’ documented hosts in the browser, and every window.open is denied', () => {
    recorded.openedExternally.length = 0
    // The hosts as the carriers' adapters document them (the links are only recorded here, never opened).
    const registry = new CarrierRegistry()
    const host = (carrier: 'vitcom' | 'voip-innovations' | 'call48'): string => new URL(registry.get(carrier).defaultBaseUrls.production!).host
    const vitcom = host('vitcom')
    const allowed = [`https://${vitcom}/portal`, `https://${host('voip-innovations')}/`, `https://${host('call48')}/docs?x=1`]
    const refused = [
      'https://example.org/',
      `http://${vitcom}/`,
      `https://${vitcom}.evil.example/`,
      `https://evil.example/?https://${vitcom}/`,
      `https://user:pw@${vitcom}/`,
      `https://${vitcom}:8443/`,
      `https://sub.${vitcom}/`,
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]
    for (const url of [...allowed, ...refused]) expect(recorded.windowOpenHandler?.({ url })).toEqual({ action: 'deny' })
    expect(recorded.openedExternally).toEqual(allowed)
  })

  it('allows every carrier’s documented default host, and only https on it', () => {
    for (const carrier of new CarrierRegistry().list()) {
      for (const baseUrl of Object.values(carrier.defaultBaseUrls)) {
        expect(isAllowedExternalUrl(baseUrl), baseUrl).toBe(true)
        expect(isAllowedExternalUrl(baseUrl.replace('https:', 'http:'))).toBe(false)
      }
    }
  })

  it('sends the strict CSP with every response, and the renderer carries the same policy', () => {
    let headers: Record<string, string[]> = {}
    recorded.headersHandler?.({ responseHeaders: {} }, (response: { responseHeaders: Record<string, string[]> }) => {
      headers = response.responseHeaders
    })
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy])
    expect(contentSecurityPolicy).toContain("default-src 'none'")
    expect(contentSecurityPolicy).toContain("connect-src 'none'")
    expect(contentSecurityPolicy).not.toContain('unsafe-eval')
    const html = readFileSync(join(__dirname, '../../src/renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta?.split(';').map((part) => part.trim())).toEqual(contentSecurityPolicy.split('; '))
  })

  it('blocks every network request from the renderer', () => {
    const decide = (url: string): boolean => {
      let cancel = false
      recorded.beforeRequest?.({ url }, (response: { cancel: boolean }) => (cancel = response.cancel))
      return cancel
    }
    expect(decide('https://apicontrol.example/api')).toBe(true)
    expect(decide('http://127.0.0.1:8080/')).toBe(true)
    expect(decide('file:///app/out/renderer/index.html')).toBe(false)
  })

  it('registers exactly the contract channels and refuses other senders', async () => {
    expect([...recorded.handlers.keys()].sort()).toEqual(channelNames.map(invokeChannelName).sort())
    const handler = recorded.handlers.get(invokeChannelName('accounts.list'))!
    const own = { sender: recorded.webContents, senderFrame: { url: recorded.loadedUrl } }
    const stranger = { sender: {}, senderFrame: { url: recorded.loadedUrl } }
    const foreignFrame = { sender: recorded.webContents, senderFrame: { url: 'https://evil.example/' } }
    const ownResult = (await handler(own, {})) as { ok: boolean; value: { name: string }[] }
    expect(ownResult.ok).toBe(true)
    // No account existed, so the shell opened the Sandbox and added its four accounts.
    expect(ownResult.value.map((account) => account.name).sort()).toEqual([
      'Sandbox Call48',
      'Sandbox Nexogy',
      'Sandbox Vitcom',
      'Sandbox VoIP Innovations',
    ])
    expect(await handler(stranger, {})).toMatchObject({ ok: false, error: { message: 'Refused: unknown sender' } })
    expect(await handler(foreignFrame, {})).toMatchObject({ ok: false })
    expect(await handler(own, { unexpected: 1 })).toMatchObject({ ok: false, error: { code: 'validation' } })
  })

  it('cancels an invoke its own renderer names by request id, and ignores a cancel from any other sender', async () => {
    const own = { sender: recorded.webContents, senderFrame: { url: recorded.loadedUrl } }
    const stranger = { sender: {}, senderFrame: { url: recorded.loadedUrl } }
    const cancel = recorded.listeners.get(cancelChannelName)!
    expect([...recorded.listeners.keys()]).toEqual([cancelChannelName])
    // Every simulator answers late, so a search runs until it is cancelled.
    const status = (await recorded.handlers.get(invokeChannelName('sandbox.status'))!(own, {})) as { value: { carriers: { baseUrl: string }[] } }
    const faults = (body: unknown): Promise<unknown> =>
      Promise.all(status.value.carriers.map(({ baseUrl }) =>
        fetch(`${new URL(baseUrl).origin}/_sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })))
    await faults({ latencyMs: 5_000 })
    try {
      const search = recorded.handlers.get(invokeChannelName('numbers.search'))!
      const query = { query: { type: 'local', state: 'FL', limit: 5 } }
      const started = performance.now()
      const pending = search(own, query, 'request-1') as Promise<unknown>
      await new Promise((resolve) => setTimeout(resolve, 300))
      cancel(stranger, 'request-1')
      const raced = await Promise.race([pending.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('still running'), 300))])
      expect(raced).toBe('still running')
      cancel(own, 'request-1')
      expect(await pending).toEqual({ ok: false, error: { code: 'cancelled', message: 'Cancelled' } })
      expect(performance.now() - started).toBeLessThan(2_500)
    } finally {
      await faults({})
    }
  }, 20_000)
})
