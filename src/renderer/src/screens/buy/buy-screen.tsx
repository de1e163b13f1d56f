/** Buy numbers: one search across every carrier that sells, a cart, reserve, order, and bulk orders. */
import { Divider, Grid, Stack } from '@mantine/core'
import { ScreenHeader } from '../../components/screen-header'
import { OfflineBanner } from '../../components/offline-banner'
import { BulkOrder } from './bulk-order'
import { CartPanel } from './cart-panel'
import { OffersTable } from './offers-table'
import { SearchForm } from './search-form'

export function BuyScreen() {
  return (
    <Stack p="lg" gap={0}>
      <ScreenHeader title="Buy numbers" description="Search every carrier that sells numbers, collect them in a cart, then order." />
      <OfflineBanner />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <SearchForm />
          <OffersTable />
          <Divider my="md" />
          <BulkOrder />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <CartPanel />
        </Grid.Col>
      </Grid>
    </Stack>
  )
}
