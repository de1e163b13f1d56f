/**
 * Invoices: the cached listing, a PDF streamed to `<data dir>/downloads/` (through a `.part` file, with
 * progress, cancellable) and opened with the system viewer by the front door that can (the desktop app). The
 * renderer names an invoice by account and date; only this service turns that into a path on disk.
 */
import { existsSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import type { InvoiceView } from '../../../shared/ipc-shared'
import { AppError } from '../../lib/app-error'
import type { Store } from '../../store/store'
import type { AccountsService } from '../accounts-service'
import type { EventHub } from '../events'
import type { Jobs } from '../jobs'
import { downloadsDir } from '../paths'

export interface InvoicesServiceDeps {
  store: Store
  accounts: AccountsService
  events: EventHub
  jobs: Jobs
  dataDir: string
  now: () => number
  /** Opens a file with the system's viewer; only the desktop app has one. */
  openPath?: ((file: string) => Promise<void>) | undefined
}

export class InvoicesService {
  constructor(private readonly deps: InvoicesServiceDeps) {}

  list(input: { accountId?: string | undefined; from?: string | undefined; to?: string | undefined }): InvoiceView[] {
    const accountId = input.accountId === undefined ? undefined : this.deps.accounts.find(input.accountId).id
    const { billing, accounts } = this.deps.store
    const downloads = new Map(billing.downloads(accountId).map((download) => [`${download.accountId} ${download.date}`, download]))
    return billing.invoices({ accountId, from: input.from, to: input.to }).map((invoice) => {
      const download = downloads.get(`${invoice.accountId} ${invoice.date}`)
      // A file deleted since is no longer offered to open.
      const present = download !== undefined && existsSync(download.file)
      return {
        ...invoice,
        accountName: accounts.get(invoice.accountId)?.name ?? invoice.accountId,
        ...(present ? { file: download.file, bytes: download.bytes, downloadedAt: download.downloadedAt } : {}),
      }
    })
  }

  async download(input: { jobId: string; accountId: string; date: string }, signal: AbortSignal): Promise<{ file: string; bytes: number }> {
    const account = this.deps.accounts.find(input.accountId)
    const invoice = this.deps.store.billing.invoice(account.id, input.date)
    if (!invoice) throw new AppError('not-found', `No invoice dated ${input.date} is listed for ${account.name}; sync billing first`)
    const client = await this.deps.accounts.connect(account)
    const billing = client.billing
    if (!billing?.downloadInvoice) throw new AppError('validation', 'This carrier offers no invoice downloads')
    const safeName = account.name.replace(/[^\w.-]+/g, '_')
    const safeNumber = (invoice.invoiceNo ?? '').replace(/[^\w.-]+/g, '_')
    const file = join(downloadsDir(this.deps.dataDir), `invoice-${safeName}-${invoice.date}${safeNumber ? `-${safeNumber}` : ''}.pdf`)
    const result = await this.deps.jobs.run(input.jobId, signal, (jobSignal) =>
      billing.downloadInvoice!({
        invoice,
        file,
        signal: jobSignal,
        onProgress: ({ bytes, totalBytes }) =>
          this.deps.events.emit('jobs.progress', { jobId: input.jobId, kind: 'download', done: bytes, total: totalBytes ?? 0, failed: 0 }),
      }),
    )
    this.deps.store.billing.recordDownload({ accountId: account.id, date: invoice.date, file: result.file, bytes: result.bytes, downloadedAt: this.deps.now() })
    return result
  }

  /** Opens a downloaded invoice with the system viewer; only files this service saved under the downloads folder. */
  async open(input: { accountId: string; date: string }): Promise<{ file: string }> {
    const account = this.deps.accounts.find(input.accountId)
    const download = this.deps.store.billing.downloads(account.id).find((entry) => entry.date === input.date)
    if (!download || !existsSync(download.file)) throw new AppError('not-found', `The invoice of ${input.date} is not downloaded on this computer; download it first`)
    const folder = resolve(downloadsDir(this.deps.dataDir)) + sep
    if (!resolve(download.file).startsWith(folder)) throw new AppError('validation', 'Only files in CarrierDesk\'s downloads folder are opened')
    if (!this.deps.openPath) throw new AppError('validation', `Opening files needs the desktop app; the invoice is at ${download.file}`)
    await this.deps.openPath(download.file)
    return { file: download.file }
  }
}
