/**
 * An account's balance under its name, for carriers that report one ('billing.balance'): read from the
 * carrier when the screen opens and on "Read again" (which also refreshes the Billing screen's cached
 * figure), shown exactly as the carrier wrote it, with when it was read. A failed read says so instead of
 * showing an old amount.
 */
import { ActionIcon, Group, Text, Tooltip } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import { useCallback, useEffect, useState } from 'react'
import type { AccountView } from '../../../../shared/domain'
import type { AccountBalanceRow } from '../../../../shared/ipc-shared'
import { call, toErrorShape } from '../../bridge'
import { formatAge, formatTimestamp } from '../../format'

export function BalanceReading({ account, now }: { account: AccountView; now: number }) {
  const [balance, setBalance] = useState<AccountBalanceRow>()
  const [error, setError] = useState<string>()
  const [reading, setReading] = useState(false)
  const read = useCallback(async (): Promise<void> => {
    setReading(true)
    try {
      const view = await call('accounts.balance', { accountIds: [account.id] })
      setBalance(view.rows[0])
      setError(view.failures[0]?.message ?? (view.rows[0] ? undefined : 'No balance reported'))
    } catch (failure) {
      setError(toErrorShape(failure).message)
    } finally {
      setReading(false)
    }
  }, [account.id])
  useEffect(() => void read(), [read])
  return (
    <Group gap={4} wrap="nowrap" aria-label={`Balance ${account.name}`} role="group">
      {error ? (
        <Text size="xs" c="red" title={error}>
          Balance not read
        </Text>
      ) : balance ? (
        <Text size="xs" c="dimmed" title={`Read ${formatTimestamp(balance.asOf)}`} data-testid="account-balance">
          Balance <Text span fw={600} c="var(--mantine-color-text)">{`$${balance.decimal}`}</Text> · as of {formatAge(balance.asOf, now)}
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          Reading balance…
        </Text>
      )}
      <Tooltip label="Read the balance again">
        <ActionIcon size="xs" variant="subtle" loading={reading} onClick={() => void read()} aria-label={`Read the balance of ${account.name} again`}>
          <IconRefresh size={12} />
        </ActionIcon>
      </Tooltip>
    </Group>
  )
}
