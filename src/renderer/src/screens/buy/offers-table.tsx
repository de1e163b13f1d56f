/** Search results: every offer from every carrier that sells, with prices and age, and "Add to cart". */
import { Alert, Button, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core'
import { IconCheck, IconShoppingCartPlus } from '@tabler/icons-react'
import { formatAge, formatPhoneNumber, formatTimestamp } from '../../format'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useNow } from '../../use-now'
import { formatMoney } from '../numbers/number-cells'
import { useCartStore } from './cart-store'
import { useBuySearchStore } from './search-store'

export function OffersTable() {
  const result = useBuySearchStore((state) => state.result)
  const error = useBuySearchStore((state) => state.error)
  const searching = useBuySearchStore((state) => state.searching)
  const carriers = useCarriersStore((state) => state.carriers)
  const items = useCartStore((state) => state.items)
  const add = useCartStore((state) => state.add)
  const now = useNow(15_000)
  const inCart = new Set(items.map((item) => item.offer.offerId))

  return (
    <Stack gap="xs">
      {error && (
        <Alert color="red" title="The search did not run" role="alert">
          {error}
        </Alert>
      )}
      {result?.failures.map((failure) => (
        <Alert key={failure.accountId} color="orange" variant="light" title={`${failure.accountName} did not answer`} role="alert">
          {failure.message}
        </Alert>
      ))}
      {result && (
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="offers-summary">
          {result.offers.length} number{result.offers.length === 1 ? '' : 's'} found · fetched {formatAge(result.fetchedAt, now)} (
          {formatTimestamp(result.fetchedAt)}); availability goes stale within the hour
        </Text>
      )}
      {!result && !searching && (
        <Text size="sm" c="dimmed">
          Search every carrier that sells numbers at once; results show here.
        </Text>
      )}
      {result && result.offers.length > 0 && (
        <Paper withBorder radius="sm">
          <ScrollArea.Autosize mah={420}>
            <Table aria-label="Offers" className="cd-table" highlightOnHover fz="sm" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Number</Table.Th>
                  <Table.Th>Carrier</Table.Th>
                  <Table.Th>Account</Table.Th>
                  <Table.Th>Location</Table.Th>
                  <Table.Th ta="right">Setup</Table.Th>
                  <Table.Th ta="right">Monthly</Table.Th>
                  <Table.Th>Fetched</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.offers.map((offer) => {
                  const label = formatPhoneNumber(offer.e164)
                  const added = inCart.has(offer.offerId)
                  return (
                    <Table.Tr key={offer.offerId} aria-label={`${label} from ${carrierName(carriers, offer.carrier)}`}>
                      <Table.Td className="cd-mono cd-nowrap">{label}</Table.Td>
                      <Table.Td>{carrierName(carriers, offer.carrier)}</Table.Td>
                      <Table.Td>{offer.accountName}</Table.Td>
                      <Table.Td>{[offer.rateCenter, offer.state].filter(Boolean).join(', ') || offer.type}</Table.Td>
                      <Table.Td ta="right">{formatMoney(offer.setupCost)}</Table.Td>
                      <Table.Td ta="right">{formatMoney(offer.monthlyCost)}</Table.Td>
                      <Table.Td className="cd-nowrap">{formatAge(offer.fetchedAt, now)}</Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-xs"
                          variant={added ? 'light' : 'default'}
                          leftSection={added ? <IconCheck size={12} /> : <IconShoppingCartPlus size={12} />}
                          disabled={added}
                          onClick={() => add(offer)}
                          aria-label={`Add ${label} to cart`}
                        >
                          {added ? 'In cart' : 'Add to cart'}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  )
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </Paper>
      )}
    </Stack>
  )
}
