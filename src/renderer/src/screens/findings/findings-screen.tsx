/**
 * Findings: what is wrong across every carrier, from the cache (core/findings): waste, risk and deadlines,
 * each with what it concerns, why it matters, its monthly cost, and a way to act on it or dismiss it.
 */
import { Alert, Button, Group, Loader, Center, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core'
import { IconRefresh, IconSearch } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import type { FindingSeverity } from '../../../../shared/findings'
import { CacheEmptyState } from '../../components/cache-empty-state'
import { LoadErrorAlert } from '../../components/load-error-alert'
import { ScreenHeader } from '../../components/screen-header'
import { SyncNowButton } from '../../components/sync-now-button'
import { SyncProgressPanel } from '../../components/sync-progress-panel'
import { formatAge, formatCount, formatMoney } from '../../format'
import { notifyError } from '../../notify'
import { useFindingsStore } from '../../stores/findings'
import { useNow } from '../../use-now'
import { FindingCard } from './finding-card'
import { FindingDialogs, type FindingDialog } from './finding-actions'

type SeverityFilter = 'all' | FindingSeverity

/** Money first, then risk, then deadlines; the costliest first within each. */
const severityRank: Record<FindingSeverity, number> = { waste: 0, risk: 1, attention: 2 }

export function FindingsScreen() {
  const report = useFindingsStore((state) => state.report)
  const error = useFindingsStore((state) => state.error)
  const load = useFindingsStore((state) => state.load)
  const refresh = useFindingsStore((state) => state.refresh)
  const now = useNow(15_000)
  const [severity, setSeverity] = useState<SeverityFilter>('all')
  const [showDismissed, setShowDismissed] = useState(false)
  const [search, setSearch] = useState('')
  const [refreshing, setRefreshing] = useState(false)
  const [dialog, setDialog] = useState<FindingDialog>(undefined)

  useEffect(() => {
    void load()
  }, [load])

  const shown = useMemo(() => {
    const text = search.trim().toLowerCase()
    const digits = text.replace(/\D/g, '')
    const matching = (report?.findings ?? []).filter(
      (f) =>
        (showDismissed || f.status === 'open') &&
        (severity === 'all' || f.severity === severity) &&
        (text === '' ||
          f.title.toLowerCase().includes(text) ||
          f.subjects.some((s) => s.accountName.toLowerCase().includes(text) || (digits.length >= 3 && (s.e164 ?? '').includes(digits)) || (s.objectId ?? '').toLowerCase().includes(text))),
    )
    return matching.sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || (b.monthlyCost ?? 0) - (a.monthlyCost ?? 0))
  }, [report, severity, showDismissed, search])

  const open = report?.findings.filter((f) => f.status === 'open') ?? []
  const monthlyWaste = open.filter((f) => f.severity === 'waste').reduce((sum, f) => sum + (f.monthlyCost ?? 0), 0)
  const count = (s: FindingSeverity): number => open.filter((f) => f.severity === s).length

  const recompute = async (): Promise<void> => {
    setRefreshing(true)
    try {
      await refresh()
    } catch (e) {
      notifyError('Could not compute the findings', e)
    } finally {
      setRefreshing(false)
    }
  }

  return (
    <Stack p="lg" gap="md">
      <ScreenHeader
        title="Findings"
        description="What is wrong across your carriers, from the cache: money wasted, risks, and deadlines. Computed after every sync."
        actions={
          <>
            {report && (
              <Text size="sm" c="dimmed" className="cd-nowrap" data-testid="findings-computed">
                Computed {formatAge(report.computedAt, now)}
              </Text>
            )}
            <Button variant="default" leftSection={<IconRefresh size={16} />} loading={refreshing} onClick={() => void recompute()}>
              Recompute
            </Button>
            <SyncNowButton areas={['numbers', 'trunks', 'ports', 'cdrs']} tooltip="Sync every area of every account; the findings are computed again when it ends" />
          </>
        }
      />
      <SyncProgressPanel />
      {error !== undefined && !report && <LoadErrorAlert title="Could not load the findings" error={error} onRetry={() => void load()} />}
      {!report && error === undefined && (
        <Center p="xl">
          <Loader size="sm" />
        </Center>
      )}
      {report && (
        <>
          <Group gap="lg" role="status" aria-label="Findings summary">
            <Text size="sm"><b>{formatCount(report.open)}</b> open</Text>
            <Text size="sm" c="orange"><b>{count('waste')}</b> waste{monthlyWaste > 0 ? ` (${formatMoney(monthlyWaste)} a month known)` : ''}</Text>
            <Text size="sm" c="red"><b>{count('risk')}</b> risk</Text>
            <Text size="sm" c="yellow.8"><b>{count('attention')}</b> deadlines</Text>
            <Text size="sm" c="dimmed">{formatCount(report.dismissed)} dismissed</Text>
          </Group>
          <Group gap="md">
            <SegmentedControl
              aria-label="Severity"
              value={severity}
              onChange={(value) => setSeverity(value as SeverityFilter)}
              data={[
                { value: 'all', label: 'All' },
                { value: 'waste', label: 'Waste' },
                { value: 'risk', label: 'Risk' },
                { value: 'attention', label: 'Deadlines' },
              ]}
            />
            <TextInput
              aria-label="Search findings"
              placeholder="Number, account or port"
              leftSection={<IconSearch size={14} />}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              w={260}
            />
            <Switch label="Show dismissed" checked={showDismissed} onChange={(event) => setShowDismissed(event.currentTarget.checked)} />
          </Group>
          {report.findings.length === 0 ? (
            <CacheEmptyState title="Nothing to fix" hint="No rule flags anything in the cache. Findings are computed again after every sync." />
          ) : shown.length === 0 ? (
            <Alert color="gray">No finding matches these filters.</Alert>
          ) : (
            <Stack gap="sm">
              {shown.map((finding) => (
                <FindingCard key={finding.id} finding={finding} onDialog={setDialog} />
              ))}
            </Stack>
          )}
          {report.notes.length > 0 && (
            <Alert color="gray" title="Not judged" aria-label="Rules that could not judge">
              <Stack gap={2}>
                {report.notes.map((note) => (
                  <Text key={`${note.kind}:${note.message}`} size="sm">{note.message}</Text>
                ))}
              </Stack>
            </Alert>
          )}
        </>
      )}
      <FindingDialogs dialog={dialog} onClose={() => setDialog(undefined)} />
    </Stack>
  )
}
