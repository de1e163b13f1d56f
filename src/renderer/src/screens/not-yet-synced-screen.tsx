/**
 * Trunks, Ports and CDRs before their sync areas exist: an honest empty state, never sample data.
 */
import { Button, Center, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { IconAddressBook, IconArrowsExchange, IconFileSpreadsheet, IconTopologyStar3 } from '@tabler/icons-react'
import { ScreenHeader } from '../components/screen-header'
import { useNavigationStore } from '../stores/navigation'

type PendingArea = 'trunks' | 'ports' | 'cdrs'

const areaTexts: Record<PendingArea, { title: string; records: string; description: string }> = {
  trunks: {
    title: 'Trunks',
    records: 'SIP trunk groups',
    description: 'SIP trunk groups and their IP addresses across your carrier accounts.',
  },
  ports: {
    title: 'Ports',
    records: 'port orders',
    description: 'Number port orders and their status, FOC dates and rejections.',
  },
  cdrs: {
    title: 'CDRs',
    records: 'call detail records',
    description: 'Call detail records and daily CDR files from your carriers.',
  },
}

const areaIcons = { trunks: IconTopologyStar3, ports: IconArrowsExchange, cdrs: IconFileSpreadsheet }

export function NotYetSyncedScreen({ area }: { area: PendingArea }) {
  const go = useNavigationStore((state) => state.go)
  const text = areaTexts[area]
  const Icon = areaIcons[area]
  return (
    <Stack p="lg" gap={0}>
      <ScreenHeader title={text.title} description={text.description} />
      <Center py={48}>
        <Paper withBorder p="xl" radius="md" maw={560}>
          <Stack align="center" gap="md" ta="center">
            <ThemeIcon size={52} radius="xl" variant="light" color="gray">
              <Icon size={28} />
            </ThemeIcon>
            <Title order={3}>No cached {text.records}</Title>
            <Text c="dimmed">
              Cached {text.records} appear here after a sync, once this area is supported. Until then CarrierDesk shows
              nothing rather than sample data.
            </Text>
            <Button variant="default" leftSection={<IconAddressBook size={16} />} onClick={() => go('accounts')}>
              Go to Accounts
            </Button>
          </Stack>
        </Paper>
      </Center>
    </Stack>
  )
}
