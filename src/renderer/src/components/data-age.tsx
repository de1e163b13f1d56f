/** "Data as of 3 min ago": the oldest "as of" of what a screen shows, yellow once older than a day. */
import { Group, Text, Tooltip } from '@mantine/core'
import { IconClock } from '@tabler/icons-react'
import { formatAge, formatTimestamp } from '../format'
import { useNow } from '../use-now'

const staleMs = 86_400_000

/** The oldest of the given "as of" times, or undefined when there are none. */
export function oldestAsOf(items: readonly { asOf: number }[]): number | undefined {
  let oldest: number | undefined
  for (const item of items) if (oldest === undefined || item.asOf < oldest) oldest = item.asOf
  return oldest
}

export function DataAge({ asOf, testId }: { asOf: number | undefined; testId: string }) {
  const now = useNow(15_000)
  return (
    <Tooltip label={asOf === undefined ? 'Nothing cached yet' : `Oldest record shown was fetched ${formatTimestamp(asOf)}`}>
      <Group gap={4} wrap="nowrap" data-testid={testId}>
        <IconClock size={14} aria-hidden />
        <Text size="sm" c={asOf !== undefined && now - asOf > staleMs ? 'yellow' : 'dimmed'} className="cd-nowrap">
          {asOf === undefined ? 'No cached data' : `Data as of ${formatAge(asOf, now)}`}
        </Text>
      </Group>
    </Tooltip>
  )
}
