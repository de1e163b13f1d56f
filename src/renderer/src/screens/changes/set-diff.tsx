/**
 * A change set's diff: its items grouped by carrier, each number and field with its value before (as cached
 * when staged) → after, the dry run's verdict when one was run (warnings and errors in words), and what
 * became of it when applied. Items not applied yet can be taken out of the set.
 */
import { ActionIcon, Badge, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { IconX } from '@tabler/icons-react'
import type { ChangeSetCheck, ChangeSetDetail, ChangeSetItem, ItemCheck, ItemOutcome } from '../../../../shared/ipc-shared'
import { fieldLabel } from '../../../../shared/number-edits'
import { formatCount, formatPhoneNumber } from '../../format'
import { carrierName, useCarriersStore } from '../../stores/carriers'

const checkColors = { ok: 'teal', warning: 'yellow', error: 'red' } as const
const outcomeColors: Record<ItemOutcome, string> = { succeeded: 'teal', failed: 'red', unknown: 'yellow', skipped: 'orange', sending: 'blue' }
const outcomeLabels: Record<ItemOutcome, string> = { succeeded: 'applied', failed: 'failed', unknown: 'unknown', skipped: 'skipped', sending: 'sending' }

const itemKey = (item: { accountId: string; e164: string; field: string }): string => `${item.accountId} ${item.e164} ${item.field}`

function CheckCell({ check }: { check: ItemCheck | undefined }) {
  if (!check) return <Text size="xs" c="dimmed">—</Text>
  return (
    <Stack gap={2}>
      <Badge size="sm" variant="light" color={checkColors[check.level]} style={{ minWidth: 'max-content' }}>
        {check.level === 'ok' ? 'ok' : check.level === 'warning' ? 'warning' : 'refused'}
      </Badge>
      {check.problems.map((problem) => (
        <Text key={problem.message} size="xs" c={problem.level === 'error' ? 'red' : 'yellow'}>
          {problem.message}
        </Text>
      ))}
    </Stack>
  )
}

function ItemRow({ item, check, onUnstage, editable }: { item: ChangeSetItem; check: ItemCheck | undefined; onUnstage: () => void; editable: boolean }) {
  const changedSince = check?.current !== undefined && check.problems.some((p) => p.message.startsWith('Changed at the carrier'))
  return (
    <Table.Tr aria-label={`${formatPhoneNumber(item.e164)} ${fieldLabel(item.field)}`}>
      <Table.Td className="cd-mono cd-nowrap">{formatPhoneNumber(item.e164)}</Table.Td>
      <Table.Td>
        <Text size="sm">{item.accountName}</Text>
      </Table.Td>
      <Table.Td className="cd-nowrap">{fieldLabel(item.field)}</Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {item.before || '(none)'}
        </Text>
        {changedSince && (
          <Text size="xs" c="yellow">
            now {check?.current || '(none)'}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {item.after}
        </Text>
      </Table.Td>
      <Table.Td>
        <CheckCell check={check} />
      </Table.Td>
      <Table.Td>
        {item.outcome ? (
          <Tooltip label={item.message ?? ''} disabled={!item.message} multiline w={320}>
            <Badge size="sm" variant="light" color={outcomeColors[item.outcome]} style={{ minWidth: 'max-content' }}>
              {outcomeLabels[item.outcome]}
            </Badge>
          </Tooltip>
        ) : (
          <Text size="xs" c="dimmed">
            staged
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {editable && item.outcome !== 'succeeded' && (
          <Tooltip label="Take out of the set">
            <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Take ${formatPhoneNumber(item.e164)} ${fieldLabel(item.field)} out`} onClick={onUnstage}>
              <IconX size={14} />
            </ActionIcon>
          </Tooltip>
        )}
      </Table.Td>
    </Table.Tr>
  )
}

export function SetDiff({
  detail,
  check,
  editable,
  onUnstage,
}: {
  detail: ChangeSetDetail
  check: ChangeSetCheck | undefined
  editable: boolean
  onUnstage: (item: ChangeSetItem) => void
}) {
  const carriers = useCarriersStore((state) => state.carriers)
  const checks = new Map((check?.items ?? []).map((each) => [itemKey(each), each]))
  const byCarrier = new Map<string, ChangeSetItem[]>()
  for (const item of detail.items) byCarrier.set(item.carrier, [...(byCarrier.get(item.carrier) ?? []), item])
  return (
    <Stack gap="sm" role="region" aria-label="Diff">
      {[...byCarrier].map(([carrier, items]) => (
        <Paper key={carrier} withBorder radius="sm" p="xs" role="group" aria-label={carrierName(carriers, carrier)}>
          <Group justify="space-between" mb={4}>
            <Title order={4} size="h5">
              {carrierName(carriers, carrier)}
            </Title>
            <Text size="xs" c="dimmed">
              {formatCount(items.length)} change{items.length === 1 ? '' : 's'} on {formatCount(new Set(items.map((item) => `${item.accountId} ${item.e164}`)).size)} number(s)
            </Text>
          </Group>
          <Table.ScrollContainer minWidth={720}>
            <Table fz="sm" verticalSpacing={4} aria-label={`${carrierName(carriers, carrier)} changes`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Number</Table.Th>
                  <Table.Th>Account</Table.Th>
                  <Table.Th>Field</Table.Th>
                  <Table.Th>Before</Table.Th>
                  <Table.Th>After</Table.Th>
                  <Table.Th>Dry run</Table.Th>
                  <Table.Th>Result</Table.Th>
                  <Table.Th w={32} aria-label="Take out" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <ItemRow key={itemKey(item)} item={item} check={checks.get(itemKey(item))} editable={editable} onUnstage={() => onUnstage(item)} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ))}
    </Stack>
  )
}
