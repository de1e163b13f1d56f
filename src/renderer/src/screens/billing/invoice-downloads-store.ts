/**
 * Invoice downloads (`billing.downloadInvoice`), one job per invoice (see stores/download-jobs); then Open
 * (`billing.openInvoice`, the system viewer).
 */
import type { InvoiceView } from '../../../../shared/ipc-shared'
import { call } from '../../bridge'
import { notifyError } from '../../notify'
import { createDownloadJobs } from '../../stores/download-jobs'

export const invoiceKey = (invoice: Pick<InvoiceView, 'accountId' | 'date'>): string => `${invoice.accountId}:${invoice.date}`

export const useInvoiceDownloadsStore = createDownloadJobs<InvoiceView>(invoiceKey, (invoice, jobId) =>
  call('billing.downloadInvoice', { jobId, accountId: invoice.accountId, date: invoice.date }),
)

/** Opens a downloaded invoice in the system's viewer. */
export async function openInvoice(invoice: Pick<InvoiceView, 'accountId' | 'date'>): Promise<void> {
  try {
    await call('billing.openInvoice', { accountId: invoice.accountId, date: invoice.date })
  } catch (error) {
    notifyError('Could not open the invoice', error)
  }
}
