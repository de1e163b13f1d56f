/**
 * Billing overview: each account's balance where its carrier reports one (with "as of"), a warning while a
 * payment made here is unsettled, "Make a payment" for carriers that take payments, and the monthly cost of
 * the cached inventory per account with a chart.
 */
import { BarChart } from '@mantine/charts'
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { IconAlertTriangle, IconCreditCard } from '@tabler/icons-react'
import type { BalanceView, BillingOverview } from '../../../../shared/ipc-shared'
import { formatAge, formatCount, formatMoney, formatTimestamp } from '../../format'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useNow } from '../../use-now'

function BalanceCard({ balance, onPay }: { balance: BalanceView; onPay?: (() => void) | undefined }) {
  const carriers = useCarriersStore((state) => state.carriers)
  const now = useNow(15_000)
  const negative = balance.amount !== undefined && balance.amount < 0
  return (
    <Paper withBorder radius="sm" p="sm" role="group" aria-label={`Balance ${balance.accountName}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} truncate="end">
            {balance.accountName}
          </Text>
          <Text size="xs" c="dimmed">
            {carrierName(carriers, balance.carrier)}
          </Text>
        </Stack>
        {onPay && (
          <Button size="compact-xs" variant="default" leftSection={<IconCreditCard size={12} />} onClick={onPay} aria-label={`Make a payment ${balance.accountName}`}>
            Pay
          </Button>
        )}
      </Group>
      {!balance.supported ? (
        <Text size="sm" c="dimmed" mt="xs">
          Its carrier reports no balance through its API
        </Text>
      ) : balance.amount === undefined ? (
        <Text size="sm" c="dimmed" mt="xs">
          Not synced yet: use “Sync now”
        </Text>
      ) : (
        <>
          <Text size="xl" fw={700} mt={4} c={negative ? 'red' : undefined} data-testid="balance-amount" className="cd-mono">
            {formatMoney(balance.amount)} {balance.currency}
          </Text>
          {balance.asOf !== undefined && (
            <Tooltip label={formatTimestamp(balance.asOf)}>
              <Text size="xs" c="dimmed" data-testid="balance-as-of">
                as of {formatAge(balance.asOf, now)}
              </Text>
            </Tooltip>
          )}
        </>
      )}
    </Paper>
  )
}

export function OverviewTab({ overview, onPay, onShowPayments }: { overview: BillingOverview; onPay: (accountId: string) => void; onShowPayments: () => void }) {
  const carriers = useCarriersStore((state) => state.carriers)
  const payable = (carrier: string): boolean => carriers.find((info) => info.id === carrier)?.capabilities.includes('billing.payments') ?? false
  const totalMonthly = Math.round(overview.inventory.reduce((sum, row) => sum + Math.round(row.monthly * 100), 0)) / 100
  const unpriced = overview.inventory.reduce((sum, row) => sum + row.numbers - row.priced, 0)
  return (
    <Stack gap="md">
      {overview.unsettled > 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="Unsettled payments" role="alert">
          <Group justify="space-between">
            <Text size="sm">
              {overview.unsettled} payment{overview.unsettled === 1 ? '' : 's'} made from CarrierDesk ended without an answer. Check them against the carrier’s list before paying again.
            </Text>
            <Button size="xs" variant="light" color="yellow" onClick={onShowPayments}>
              Review payments
            </Button>
          </Group>
        </Alert>
      )}
      <Stack gap="xs">
        <Title order={3} size="h5">
          Balances
        </Title>
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          {overview.balances.map((balance) => (
            <BalanceCard key={balance.accountId} balance={balance} onPay={payable(balance.carrier) ? () => onPay(balance.accountId) : undefined} />
          ))}
        </SimpleGrid>
      </Stack>
      <Stack gap="xs">
        <Group justify="space-between" align="baseline">
          <Title order={3} size="h5">
            Monthly cost of the inventory
          </Title>
          <Text size="sm" fw={600} data-testid="inventory-monthly-total">
            {formatMoney(totalMonthly)} / month{unpriced > 0 ? ` (+${formatCount(unpriced)} numbers without a price)` : ''}
          </Text>
        </Group>
        {overview.inventory.length === 0 ? (
          <Text size="sm" c="dimmed">
            No numbers cached yet: sync the numbers to see what the inventory costs each month.
          </Text>
        ) : (
          <Group align="flex-start" gap="md" wrap="nowrap">
            <Paper withBorder radius="sm" style={{ flex: 1 }}>
              <Table aria-label="Monthly cost by account" className="cd-table" fz="sm" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Account</Table.Th>
                    <Table.Th>Carrier</Table.Th>
                    <Table.Th ta="right">Numbers</Table.Th>
                    <Table.Th ta="right">Monthly</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {overview.inventory.map((row) => (
                    <Table.Tr key={row.accountId}>
                      <Table.Td>{row.accountName}</Table.Td>
                      <Table.Td>{carrierName(carriers, row.carrier)}</Table.Td>
                      <Table.Td ta="right">
                        {formatCount(row.numbers)}
                        {row.priced < row.numbers && (
                          <Badge ml={6} size="xs" variant="light" color="gray" title="Numbers whose carrier gave no monthly cost">
                            {formatCount(row.numbers - row.priced)} unpriced
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td ta="right" className="cd-mono">
                        {formatMoney(row.monthly)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
            <Paper withBorder radius="sm" p="sm" w={420} role="img" aria-label="Monthly cost by account chart">
              <BarChart
                h={Math.max(120, overview.inventory.length * 44)}
                data={overview.inventory.map((row) => ({ account: row.accountName, Monthly: row.monthly }))}
                dataKey="account"
                orientation="vertical"
                yAxisProps={{ width: 130 }}
                valueFormatter={(value) => formatMoney(value)}
                series={[{ name: 'Monthly', color: 'blue.6' }]}
              />
            </Paper>
          </Group>
        )}
      </Stack>
    </Stack>
  )
}
