/** The honest empty state of a cached-data screen: nothing synced yet, and how to get it. */
import { Button, Center, Paper, Stack, Text } from '@mantine/core'
import { IconAddressBook } from '@tabler/icons-react'
import { useAccountsStore } from '../stores/accounts'
import { useNavigationStore } from '../stores/navigation'

export function CacheEmptyState({ title, hint }: { title: string; hint: string }) {
  const accounts = useAccountsStore((state) => state.accounts)
  const go = useNavigationStore((state) => state.go)
  return (
    <Paper withBorder radius="sm" p="xl">
      <Center>
        <Stack align="center" gap="xs" ta="center" maw={520} role="status">
          <Text fw={600}>{title}</Text>
          <Text size="sm" c="dimmed">
            {accounts.length === 0 ? 'Add a carrier account (or open the Sandbox) first; then sync to fetch them.' : hint}
          </Text>
          {accounts.length === 0 && (
            <Button variant="default" leftSection={<IconAddressBook size={16} />} onClick={() => go('accounts')}>
              Go to Accounts
            </Button>
          )}
        </Stack>
      </Center>
    </Paper>
  )
}
