/**
 * Payments: the carrier's own list (Vitcom's `get_payments`) beside the payments made from CarrierDesk, each
 * of these matched to the carrier's record. A payment of unknown outcome is flagged at the top until the
 * carrier's list shows it or a technician records what the carrier said (confirmed, logged).
 */
import { Alert, Badge, Button, Center, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core'
import { modals } from '@mantine/modals'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useCallback, useState } from 'react'
import type { PaymentView } from '../../../../shared/ipc-shared'
import { call } from '../../bridge'
import { DataAge } from '../../components/data-age'
import { LoadErrorAlert } from '../../components/load-error-alert'
import { formatCount, formatMoney, formatTimestamp } from '../../format'
import { notifyError, notifySuccess } from '../../notify'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useCached } from '../../use-cached'
import { DateRange, noRange, rangeInput, type DayRange } from './date-range'

function confirmCheck(payment: PaymentView, wentThrough: boolean, done: () => void): void {
  modals.openConfirmModal({
    title: 'Record what the carrier said',
    centered: true,
    children: (
      <Text size="sm">
        Record that the payment of <b>{formatMoney(payment.amount)}</b> from {payment.accountName} on {formatTimestamp(payment.at)}{' '}
        <b>{wentThrough ? 'went through' : 'did not go through'}</b>? Do this only after checking the carrier’s own records.
      </Text>
    ),
    labels: { confirm: wentThrough ? 'It went through' : 'It did not go through', cancel: 'Cancel' },
    confirmProps: { color: 'orange' },
    onConfirm: () => {
      void (async () => {
        try {
          await call('billing.checkPayment', { activityId: payment.activityId!, wentThrough, confirmed: true })
          notifySuccess('Payment settled', `Recorded: ${wentThrough ? 'went through' : 'did not go through'}.`)
        } catch (error) {
          notifyError('Could not record the check', error)
        } finally {
          done()
        }
      })()
    },
  })
}

function settlementText(payment: PaymentView): string | undefined {
  if (payment.source === 'carrier') return payment.madeFromCarrierDesk ? 'made from CarrierDesk' : undefined
  if (payment.settlement?.how === 'seen-at-carrier') return `found at the carrier (${payment.settlement.reference ?? ''})`
  if (payment.settlement?.how === 'checked') return `checked: ${payment.settlement.wentThrough ? 'went through' : 'did not go through'}`
  return payment.message
}

const statusColor = (payment: PaymentView): string => {
  if (payment.unsettled) return 'yellow'
  if (payment.source === 'carrierdesk') return payment.outcome === 'succeeded' ? 'teal' : payment.outcome === 'failed' ? 'red' : 'gray'
  return payment.status === 'completed' ? 'teal' : 'gray'
}

export function PaymentsTab({ accountId }: { accountId: string | undefined }) {
  const carriers = useCarriersStore((state) => state.carriers)
  const [range, setRange] = useState<DayRange>(noRange)
  const load = useCallback(() => call('billing.payments', { ...(accountId ? { accountId } : {}), ...rangeInput(range) }), [accountId, range])
  const { data, error, loading, reload } = useCached(load)
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="md">
        <DateRange value={range} onChange={setRange} label="Payment dates" />
        <Text size="sm" fw={600} data-testid="payments-total" aria-live="polite">
          {data === undefined ? 'Loading…' : `${formatCount(data.rows.length)} payment${data.rows.length === 1 ? '' : 's'}`}
        </Text>
        <DataAge asOf={data?.asOf} testId="payments-data-age" />
      </Group>
      {error && <LoadErrorAlert title="Could not load payments" error={error} onRetry={reload} />}
      {data?.unsettled.map((payment) => (
        <Alert key={payment.key} color="yellow" icon={<IconAlertTriangle size={18} />} title={`Unsettled: ${formatMoney(payment.amount)} from ${payment.accountName}`} role="alert">
          <Stack gap={6}>
            <Text size="sm">
              Sent {formatTimestamp(payment.at)}; the answer was lost and the carrier’s list{data.asOf === undefined ? ' has not been synced' : ' does not show it yet'}. Sync
              again, or check with the carrier and record what it said:
            </Text>
            <Group gap="xs">
              <Button size="xs" variant="light" color="teal" onClick={() => confirmCheck(payment, true, reload)}>
                It went through
              </Button>
              <Button size="xs" variant="light" color="red" onClick={() => confirmCheck(payment, false, reload)}>
                It did not go through
              </Button>
            </Group>
          </Stack>
        </Alert>
      ))}
      {data === undefined && loading ? (
        <Center py="md">
          <Loader size="sm" aria-label="Loading payments" />
        </Center>
      ) : data && data.rows.length === 0 ? (
        <Text size="sm" c="dimmed" role="status">
          No payments yet: carriers that list payments (Vitcom) fill this on “Sync now”, and payments made from CarrierDesk show here at once.
        </Text>
      ) : (
        data && (
          <Paper withBorder radius="sm" style={{ maxHeight: 480, overflow: 'auto' }}>
            <Table aria-label="Payments" className="cd-table" fz="sm" verticalSpacing={3} stickyHeader highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Account</Table.Th>
                  <Table.Th>Listed by</Table.Th>
                  <Table.Th>Reference</Table.Th>
                  <Table.Th>Method</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Note</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.rows.map((payment) => (
                  <Table.Tr key={payment.key} aria-label={`Payment ${payment.reference ?? payment.key}`} data-source={payment.source}>
                    <Table.Td className="cd-mono cd-nowrap">{formatTimestamp(payment.at)}</Table.Td>
                    <Table.Td>{payment.accountName}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="outline" color={payment.source === 'carrier' ? 'gray' : 'blue'} tt="none">
                        {payment.source === 'carrier' ? carrierName(carriers, payment.carrier) : 'CarrierDesk'}
                      </Badge>
                    </Table.Td>
                    <Table.Td className="cd-mono">{payment.reference ?? '—'}</Table.Td>
                    <Table.Td>{payment.method}</Table.Td>
                    <Table.Td ta="right" className="cd-mono">
                      {formatMoney(payment.amount)}
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={statusColor(payment)}>
                        {payment.unsettled ? 'unsettled' : payment.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" lineClamp={2} title={settlementText(payment)}>
                        {settlementText(payment) ?? ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )
      )}
    </Stack>
  )
}
