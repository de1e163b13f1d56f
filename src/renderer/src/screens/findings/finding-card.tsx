/** One finding: what, where, why, what it costs, the numbers or objects it concerns, and what to do. */
import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core'
import { IconArrowBackUp, IconEyeOff, IconRoute, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import type { Finding, FindingSeverity } from '../../../../shared/findings'
import { formatCount, formatMoney, formatPhoneNumber, formatTimestamp } from '../../format'
import { notifyError } from '../../notify'
import { useFindingsStore } from '../../stores/findings'
import { useNavigationStore } from '../../stores/navigation'
import type { FindingDialog } from './finding-actions'

export const severityColors: Record<FindingSeverity, string> = { waste: 'orange', risk: 'red', attention: 'yellow' }
const shownSubjects = 5
/** Rows the card's table shows at most when opened ("Show all"): a finding may list up to 10,000. */
const openedSubjects = 500

export function FindingCard({ finding, onDialog }: { finding: Finding; onDialog: (dialog: FindingDialog) => void }) {
  const go = useNavigationStore((state) => state.go)
  const reopen = useFindingsStore((state) => state.reopen)
  const [all, setAll] = useState(false)
  const accounts = [...new Set(finding.subjects.map((s) => s.accountName))].join(', ')
  const noun = finding.subjects.some((s) => s.e164) ? 'number' : 'item'
  const subjects = finding.subjects.slice(0, all ? openedSubjects : shownSubjects)
  const unshown = finding.subjectCount - subjects.length
  const dismissed = finding.status === 'dismissed'
  return (
    <Paper withBorder radius="sm" p="md" aria-label={`${finding.title} · ${accounts}`} data-finding={finding.id} opacity={dismissed ? 0.75 : 1}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap="xs" wrap="nowrap">
              <Badge size="sm" variant="light" color={severityColors[finding.severity]}>
                {finding.severity}
              </Badge>
              <Text fw={600}>{finding.title}</Text>
              {dismissed && <Badge size="sm" variant="outline" color="gray">dismissed</Badge>}
              {finding.reopened && <Badge size="sm" variant="outline" color="orange">re-opened</Badge>}
            </Group>
            <Text size="sm" c="dimmed">
              {accounts} · {formatCount(finding.subjectCount)} {noun}{finding.subjectCount === 1 ? '' : 's'}
              {finding.asOf !== undefined ? ` · data as of ${formatTimestamp(finding.asOf)}` : ''}
            </Text>
          </Stack>
          {finding.monthlyCost !== undefined && (
            <Stack gap={0} align="flex-end">
              <Text fw={700} className="cd-nowrap">{formatMoney(finding.monthlyCost)}</Text>
              <Text size="xs" c="dimmed">a month</Text>
            </Stack>
          )}
        </Group>
        <Text size="sm">{finding.why}</Text>
        {finding.dismissal && (
          <Text size="sm" c={finding.reopened ? 'orange' : 'dimmed'}>
            {finding.reopened ? 'Was dismissed' : 'Dismissed'} by {finding.dismissal.by} on {formatTimestamp(finding.dismissal.at)}: “{finding.dismissal.reason}”
            {finding.reopened ? ' — the facts have changed since.' : ''}
          </Text>
        )}
        <Table fz="sm" verticalSpacing={2} className="cd-table" aria-label={`What ${finding.title} concerns`}>
          <Table.Tbody>
            {subjects.map((s) => (
              <Table.Tr key={`${s.accountId}:${s.e164 ?? s.objectId ?? ''}`}>
                <Table.Td className="cd-mono" w={170}>{s.e164 ? formatPhoneNumber(s.e164) : s.objectId}</Table.Td>
                <Table.Td w={220} className="cd-nowrap">{s.accountName}</Table.Td>
                <Table.Td c="dimmed">{s.detail ?? ''}</Table.Td>
                <Table.Td ta="right" w={90}>{s.monthlyCost !== undefined ? formatMoney(s.monthlyCost) : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {all && unshown > 0 && (
          <Text size="sm" c="dimmed" data-testid="finding-unshown">
            … and {formatCount(unshown)} more {noun}s{noun === 'number' ? ': the Numbers screen’s filters find them all' : ''}
          </Text>
        )}
        {finding.subjectCount > shownSubjects && (
          <Button variant="subtle" size="compact-sm" w="fit-content" onClick={() => setAll(!all)}>
            {all ? 'Show fewer' : finding.subjectCount > openedSubjects ? `Show ${formatCount(openedSubjects)}` : `Show all ${formatCount(finding.subjectCount)}`}
          </Button>
        )}
        <Group gap="xs">
          {finding.actions.includes('route') && (
            <Button size="xs" leftSection={<IconRoute size={14} />} onClick={() => onDialog({ kind: 'route', finding })}>
              Route to a trunk…
            </Button>
          )}
          {finding.actions.includes('release') && (
            <Button size="xs" color="red" variant="light" leftSection={<IconTrash size={14} />} onClick={() => onDialog({ kind: 'release', finding })}>
              Release…
            </Button>
          )}
          {finding.actions.includes('open-numbers') && (
            <Button size="xs" variant="default" onClick={() => go('numbers')}>Open Numbers</Button>
          )}
          {finding.actions.includes('open-ports') && (
            <Button size="xs" variant="default" onClick={() => go('ports')}>Open Ports</Button>
          )}
          {finding.actions.includes('open-trunks') && (
            <Button size="xs" variant="default" onClick={() => go('trunks')}>Open Trunks</Button>
          )}
          {dismissed ? (
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconArrowBackUp size={14} />}
              onClick={() => void reopen(finding.id).catch((error: unknown) => notifyError('Could not re-open the finding', error))}
            >
              Re-open
            </Button>
          ) : (
            <Button size="xs" variant="subtle" color="gray" leftSection={<IconEyeOff size={14} />} onClick={() => onDialog({ kind: 'dismiss', finding })}>
              Dismiss…
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  )
}
