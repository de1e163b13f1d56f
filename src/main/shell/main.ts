/**
 * The Electron shell: a thin layer that creates the window, wires the contract's channels to the core's
 * dispatcher with a sender check, forwards core events, and opens the Sandbox when no account exists.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, ipcMain, net, Notification, session, shell as electronShell, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron'
import { cancelChannelName, channelNames, eventChannelName, eventNames, invokeChannelName } from '../../shared/ipc-names'
import { createCarrierDesk, type CarrierDesk } from '../core/carrierdesk'
import { createDispatcher } from '../core/dispatcher'
import { AppError } from '../lib/app-error'
import { isAllowedExternalUrl } from './external-links'
import { showPortNotices } from './port-notifications'
import { contentSecurityPolicy, isTrustedRendererUrl, windowOptions } from './window-options'

const rendererEntry =
  !app.isPackaged && process.env.ELECTRON_RENDERER_URL
    ? process.env.ELECTRON_RENDERER_URL
    : pathToFileURL(join(__dirname, '../renderer/index.html')).href

function registerIpc(desk: CarrierDesk, window: BrowserWindow): void {
  const dispatcher = createDispatcher(desk, (error) => console.error('[carrierdesk] internal error', error))
  const trusted = (event: IpcMainInvokeEvent | IpcMainEvent): boolean =>
    event.sender === window.webContents && isTrustedRendererUrl(event.senderFrame?.url ?? '', rendererEntry)
  for (const channel of channelNames) {
    // The request id, when the renderer gives one, lets its cancel message below abort this invoke.
    ipcMain.handle(invokeChannelName(channel), (event: IpcMainInvokeEvent, input: unknown, requestId?: unknown) => {
      if (!trusted(event)) return { ok: false, error: { code: 'validation', message: 'Refused: unknown sender' } }
      return dispatcher.invoke(channel, input, { requestId })
    })
  }
  ipcMain.on(cancelChannelName, (event: IpcMainEvent, requestId: unknown) => {
    if (trusted(event)) dispatcher.cancel(requestId)
  })
  for (const eventName of eventNames) {
    dispatcher.subscribe(eventName, (payload) => {
      if (!window.isDestroyed()) window.webContents.send(eventChannelName(eventName), payload)
    })
  }
}

function hardenSession(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
    })
  })
  // The renderer makes no network requests; anything but its own files is refused.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith('file:') || details.url.startsWith('devtools:') ||
      (rendererEntry.startsWith('http') && details.url.startsWith(new URL(rendererEntry).origin))
    callback({ cancel: !allowed })
  })
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false))
  // Checks too (asked without a prompt, e.g. for clipboard or media devices): nothing is granted.
  session.defaultSession.setPermissionCheckHandler(() => false)
}

async function start(): Promise<void> {
  await app.whenReady()
  hardenSession()
  const desk = createCarrierDesk({
    dataDir: app.getPath('userData'),
    actor: `desktop:${process.env.USER ?? 'user'}`,
    // Built beside this bundle (electron.vite.config.ts): syncs run in worker threads, off the thread that answers the window.
    syncWorker: join(__dirname, 'sync-worker.js'),
    // Downloaded invoices open in the system's viewer; the core passes only files it saved in its downloads folder.
    openPath: async (file) => {
      const problem = await electronShell.openPath(file)
      if (problem) throw new AppError('internal', `The system could not open the file: ${problem}`)
    },
  })
  const window = new BrowserWindow(windowOptions(join(__dirname, '../preload/index.cjs')))
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to carrier portals open in the user's browser, never inside the app; other links not at all.
    if (isAllowedExternalUrl(url)) void electronShell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  registerIpc(desk, window)
  showPortNotices(desk, (title, body) => {
    if (Notification.isSupported()) new Notification({ title, body }).show()
  })
  desk.setOnline(net.isOnline())
  setInterval(() => desk.setOnline(net.isOnline()), 10_000).unref()
  if (desk.store.accounts.count() === 0) await desk.sandbox.open({})
  window.once('ready-to-show', () => window.show())
  await window.loadURL(rendererEntry)
  app.on('window-all-closed', () => {
    void desk.close().finally(() => app.quit())
  })
}

void start()
