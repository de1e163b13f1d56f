/** Search results: every offer from every carrier that sells, with prices and age, and "Add to cart". */
import { Alert, Button, Paper, ScrollArea, Stack, Table, Text, VisuallyHidden } from '@mantine/core'
import { IconCheck, IconShoppingCartPlus } from '@tabler/icons-react'
import { formatAge, formatPhoneNumber, formatTimestamp } from '../../format'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useNow } from '../../use-now'
import { formatMoney } from '../../format'
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
          {/* Fixed layout with few columns: at 1400 px the number must never scroll out of view. */}
          <ScrollArea.Autosize mah={420} scrollbars="y">
            <Table aria-label="Offers" className="cd-table" highlightOnHover fz="sm" verticalSpacing={4} style={{ tableLayout: 'fixed', width: '100%' }}>
              <colgroup>
                <col style={{ width: 160 }} />
                <col />
                <col />
                <col style={{ width: 112 }} />
                <col style={{ width: 132 }} />
              </colgroup>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Number</Table.Th>
                  <Table.Th>Carrier / account</Table.Th>
                  <Table.Th>Location</Table.Th>
                  <Table.Th ta="right" title="Setup cost / monthly cost">
                    Setup / mo
                  </Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Cart</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.offers.map((offer) => {
                  const label = formatPhoneNumber(offer.e164)
                  const added = inCart.has(offer.offerId)
                  const carrier = carrierName(carriers, offer.carrier)
                  const location = [offer.rateCenter, offer.state].filter(Boolean).join(', ') || offer.type
                  return (
                    <Table.Tr key={offer.offerId} aria-label={`${label} from ${carrier}`} title={`Fetched ${formatAge(offer.fetchedAt, now)}`}>
                      <Table.Td className="cd-mono cd-nowrap">{label}</Table.Td>
                      <Table.Td>
                        <Text size="sm" truncate="end">
                          {carrier}
                        </Text>
                        <Text size="xs" c="dimmed" truncate="end" title={offer.accountName}>
                          {offer.accountName}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" truncate="end" title={location}>
                          {location}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right" className="cd-nowrap">
                        {formatMoney(offer.setupCost)} / {formatMoney(offer.monthlyCost)}
                      </Table.Td>
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
