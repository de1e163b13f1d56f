/**
 * The E2E harness: this test process plays Electron's main process. It runs the real core (real SQLite in
 * a temp dir, the real keychain), serves the built renderer on 127.0.0.1, opens it in Debian's Chromium
 * and gives the page the same `window.carrierdesk` bridge the preload exposes in Electron.
 */
import { createReadStream, existsSync, mkdirSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { eventNames, type Channel } from '../../src/shared/ipc-shared'
import { createCarrierDesk, type CarrierDesk, type CarrierDeskOptions } from '../../src/main/core/carrierdesk'
import { createDispatcher } from '../../src/main/core/dispatcher'
import { contentSecurityPolicy } from '../../src/main/shell/window-options'
import { builtSyncWorker } from '../helpers/sync-worker'
import { tempDir } from '../helpers/temp'

const rendererDir = join(__dirname, '../../out/renderer')
export const screenshotDir = join(__dirname, '../../test-output/e2e')

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}

async function serveRenderer(): Promise<{ server: Server; origin: string }> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` (npm test does it first)')
  }
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '')
    const file = join(rendererDir, path === '/' ? 'index.html' : path)
    if (!file.startsWith(rendererDir) || !existsSync(file)) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      // The same policy the Electron shell applies to every response.
      'content-security-policy': contentSecurityPolicy,
    })
    createReadStream(file).pipe(response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

/** What the preload does in Electron, rebuilt on top of Playwright's bindings. */
const bridgeScript = `
  (() => {
    const listeners = new Map();
    window.__carrierdeskEmit = (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };
    window.carrierdesk = Object.freeze({
      invoke: (channel, input, requestId) => window.__carrierdeskInvoke(channel, input, requestId),
      cancel: (requestId) => void window.__carrierdeskCancel(requestId),
      subscribe: (event, listener) => {
        const set = listeners.get(event) ?? new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    });
  })();
`

export interface Harness {
  desk: CarrierDesk
  page: Page
  origin: string
  /** Requests the page tried to send anywhere but the renderer's own files (must stay empty). */
  foreignRequests: string[]
  /** The desktop notifications the shell would show (port notices), in order. */
  notifications: { title: string; body: string }[]
  screenshot(name: string): Promise<string>
  close(): Promise<void>
}

export async function startHarness(options: Partial<CarrierDeskOptions> = {}): Promise<Harness> {
  const data = tempDir('carrierdesk-e2e-')
  // As in the app: each account's sync in a worker thread (the built one), off the thread that answers the page.
  const desk = createCarrierDesk({ dataDir: data.path, actor: 'e2e', syncWorker: builtSyncWorker, ...options })
  const dispatcher = createDispatcher(desk, (error) => console.error('[harness] internal error', error))
  const { server, origin } = await serveRenderer()
  let browser: Browser | undefined
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    })
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'dark' })
    const foreignRequests: string[] = []
    await context.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith(origin)) return route.continue()
      foreignRequests.push(url)
      return route.abort()
    })
    // The sender check: only our own renderer's frames may reach the core.
    await context.exposeBinding('__carrierdeskInvoke', async (source, channel: Channel, input: unknown, requestId?: unknown) => {
      if (!source.frame.url().startsWith(origin)) {
        return { ok: false, error: { code: 'validation', message: 'Refused: unknown sender' } }
      }
      return dispatcher.invoke(channel, input, { requestId })
    })
    // The preload's cancel message: aborts the invoke running under the request id.
    await context.exposeBinding('__carrierdeskCancel', (source, requestId: unknown) => {
      if (source.frame.url().startsWith(origin)) dispatcher.cancel(requestId)
    })
    await context.addInitScript(bridgeScript)
    const page = await context.newPage()
    const unsubscribes = eventNames.map((event) =>
      dispatcher.subscribe(event, (payload) => {
        void page
          .evaluate(([name, body]) => (globalThis as unknown as { __carrierdeskEmit(n: string, b: unknown): void }).__carrierdeskEmit(name, body), [event, payload] as const)
          .catch(() => undefined)
      }),
    )
    // What the shell shows as desktop notifications (shell/port-notifications.ts), recorded instead.
    const notifications: { title: string; body: string }[] = []
    unsubscribes.push(desk.events.on('ports.notice', (notice) => void notifications.push({ title: notice.title, body: notice.message })))
    await page.goto(`${origin}/index.html`)
    mkdirSync(screenshotDir, { recursive: true })
    const openedBrowser = browser
    return {
      desk,
      page,
      origin,
      foreignRequests,
      notifications,
      async screenshot(name) {
        const path = join(screenshotDir, `${name}.png`)
        await page.screenshot({ path, fullPage: true })
        return path
      },
      async close() {
        unsubscribes.forEach((stop) => stop())
        await openedBrowser.close()
        await new Promise((resolve) => server.close(resolve))
        await desk.close()
        data.remove()
      },
    }
  } catch (error) {
    await browser?.close()
    server.close()
    await desk.close()
    data.remove()
    throw error
  }
}
