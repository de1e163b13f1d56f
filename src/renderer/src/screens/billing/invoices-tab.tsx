/**
 * Invoices: what the carriers list (Vitcom's `get_invoices`) for a date range, each PDF downloaded to the
 * downloads folder with progress and Cancel, then opened with the system's PDF viewer.
 */
import { Button, Center, Group, Loader, Paper, Progress, Stack, Table, Text } from '@mantine/core'
import { IconDownload, IconExternalLink, IconPlayerStop } from '@tabler/icons-react'
import { useCallback, useState } from 'react'
import type { InvoiceView } from '../../../../shared/ipc-shared'
import { call } from '../../bridge'
import { DataAge, oldestAsOf } from '../../components/data-age'
import { LoadErrorAlert } from '../../components/load-error-alert'
import { formatBytes, formatCount, formatMoney } from '../../format'
import { useOffline } from '../../stores/connectivity'
import { useCached } from '../../use-cached'
import { DateRange, noRange, rangeInput, type DayRange } from './date-range'
import { invoiceKey, openInvoice, useInvoiceDownloadsStore } from './invoice-downloads-store'

function InvoiceActions({ invoice, onSaved }: { invoice: InvoiceView; onSaved: () => void }) {
  const key = invoiceKey(invoice)
  const download = useInvoiceDownloadsStore((state) => state.downloads[key])
  const start = useInvoiceDownloadsStore((state) => state.start)
  const cancel = useInvoiceDownloadsStore((state) => state.cancel)
  const offline = useOffline()
  const label = `${invoice.date} ${invoice.accountName}`
  if (download?.state === 'running') {
    const percent = download.total > 0 ? Math.min(100, (download.done / download.total) * 100) : undefined
    return (
      <Group gap="xs" wrap="nowrap" role="status" aria-label={`Downloading invoice ${label}`}>
        <Stack gap={2} w={150}>
          <Progress value={percent ?? 100} striped animated size="sm" aria-label={`Download progress ${label}`} />
          <Text size="xs" c="dimmed" className="cd-nowrap">
            {formatBytes(download.done)}
            {download.total > 0 ? ` of ${formatBytes(download.total)}` : ''}
          </Text>
        </Stack>
        <Button size="compact-xs" color="red" variant="light" leftSection={<IconPlayerStop size={12} />} loading={download.cancelling} onClick={() => void cancel(key)} aria-label={`Cancel download ${label}`}>
          Cancel
        </Button>
      </Group>
    )
  }
  const file = download?.state === 'done' ? download.file : invoice.file
  return (
    <Stack gap={2} align="flex-start">
      <Group gap="xs" wrap="nowrap">
        <Button
          size="compact-xs"
          variant="default"
          leftSection={<IconDownload size={12} />}
          disabled={offline}
          title={offline ? 'Offline: downloads need the carrier' : undefined}
          onClick={() => void start(invoice).then(onSaved)}
          aria-label={`Download invoice ${label}`}
        >
          {file ? 'Download again' : 'Download'}
        </Button>
        {file && (
          <Button size="compact-xs" variant="light" leftSection={<IconExternalLink size={12} />} onClick={() => void openInvoice(invoice)} aria-label={`Open invoice ${label}`}>
            Open
          </Button>
        )}
      </Group>
      {download?.state === 'done' && (
        <Text size="xs" c="teal" role="status" aria-label={`Download result ${label}`}>
          Saved {formatBytes(download.bytes ?? 0)} to <span className="cd-mono" data-testid="invoice-file">{download.file}</span>
        </Text>
      )}
      {download?.state === 'cancelled' && (
        <Text size="xs" c="dimmed" role="status">
          Download cancelled; nothing was kept
        </Text>
      )}
      {download?.state === 'failed' && (
        <Text size="xs" c="red" role="status">
          {download.error}
        </Text>
      )}
    </Stack>
  )
}

export function InvoicesTab({ accountId }: { accountId: string | undefined }) {
  const [range, setRange] = useState<DayRange>(noRange)
  const load = useCallback(() => call('billing.invoices', { ...(accountId ? { accountId } : {}), ...rangeInput(range) }), [accountId, range])
  const { data, error, loading, reload } = useCached(load)
  const list = data ?? []
  const total = Math.round(list.reduce((sum, invoice) => sum + Math.round((invoice.amount ?? 0) * 100), 0)) / 100
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="md">
        <DateRange value={range} onChange={setRange} label="Invoice dates" />
        <Text size="sm" fw={600} data-testid="invoices-total" aria-live="polite">
          {data === undefined ? 'Loading…' : `${formatCount(list.length)} invoice${list.length === 1 ? '' : 's'}, ${formatMoney(total)}`}
        </Text>
        <DataAge asOf={oldestAsOf(list)} testId="invoices-data-age" />
      </Group>
      {error && <LoadErrorAlert title="Could not load invoices" error={error} onRetry={reload} />}
      {data === undefined && loading ? (
        <Center py="md">
          <Loader size="sm" aria-label="Loading invoices" />
        </Center>
      ) : list.length === 0 ? (
        <Text size="sm" c="dimmed" role="status">
          No invoices cached{range.from || range.to ? ' in these dates' : ''}: carriers that publish invoices (Vitcom) list them on “Sync now”.
        </Text>
      ) : (
        <Paper withBorder radius="sm">
          <Table aria-label="Invoices" className="cd-table" fz="sm" verticalSpacing={4} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Account</Table.Th>
                <Table.Th>Invoice</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
                <Table.Th>PDF</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((invoice) => (
                <Table.Tr key={invoiceKey(invoice)} aria-label={`Invoice ${invoice.date} ${invoice.accountName}`}>
                  <Table.Td className="cd-mono cd-nowrap">{invoice.date}</Table.Td>
                  <Table.Td>{invoice.accountName}</Table.Td>
                  <Table.Td className="cd-mono">{invoice.invoiceNo ?? '—'}</Table.Td>
                  <Table.Td ta="right" className="cd-mono">
                    {formatMoney(invoice.amount)}
                  </Table.Td>
                  <Table.Td>
                    <InvoiceActions invoice={invoice} onSaved={reload} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  )
}
