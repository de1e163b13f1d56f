/**
 * Bringing call records in and keeping them: "Fetch call records" for any range of UTC days (every listed
 * Vitcom file not ingested yet is downloaded and ingested, Call48 XDRs paged; progress and Cancel), how far
 * back the cache goes per account, and pruning past the retention setting (counted first, confirmed).
 */
import { Alert, Button, Group, Paper, Progress, Select, Stack, Table, Text, TextInput } from '@mantine/core'
import { modals } from '@mantine/modals'
import { IconCloudDownload, IconTrash } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import type { CdrAccountFetch, CdrCoverage } from '../../../../shared/cdrs'
import { call, subscribe, toErrorShape } from '../../bridge'
import { formatCount, formatTimestamp } from '../../format'
import { notifyError, notifySuccess } from '../../notify'
import { accountName, useAccountsStore } from '../../stores/accounts'
import { useCached } from '../../use-cached'
import { useCdrQueryStore } from './cdr-query-store'

const utcDay = (at: number): string => new Date(at).toISOString().slice(0, 10)
const loadCoverage = (): Promise<CdrCoverage[]> => call('cdrs.coverage', {})

export function CdrFetchPanel() {
  const accounts = useAccountsStore((state) => state.accounts)
  const bumpData = useCdrQueryStore((state) => state.refresh)
  const [from, setFrom] = useState(() => utcDay(Date.now() - 6 * 86_400_000))
  const [to, setTo] = useState(() => utcDay(Date.now()))
  const [accountId, setAccountId] = useState<string | null>(null)
  const [job, setJob] = useState<{ jobId: string; rows: number } | undefined>()
  const [results, setResults] = useState<CdrAccountFetch[] | undefined>()
  const [failure, setFailure] = useState<string | undefined>()
  const coverage = useCached(loadCoverage)

  const jobId = job?.jobId
  useEffect(() => {
    if (!jobId) return
    return subscribe('jobs.progress', (event) => {
      if (event.jobId === jobId) setJob((current) => (current && current.jobId === event.jobId ? { ...current, rows: event.done } : current))
    })
  }, [jobId])

  const fetchRange = async (): Promise<void> => {
    const jobId = crypto.randomUUID()
    setJob({ jobId, rows: 0 })
    setResults(undefined)
    setFailure(undefined)
    try {
      setResults(await call('cdrs.fetch', { jobId, from, to, accountIds: accountId ? [accountId] : undefined }))
    } catch (error) {
      const shape = toErrorShape(error)
      setFailure(shape.code === 'cancelled' ? 'Cancelled: the files and days finished before it are kept.' : `${shape.code}: ${shape.message}`)
    } finally {
      setJob(undefined)
      bumpData()
      coverage.reload()
    }
  }

  const prune = async (): Promise<void> => {
    try {
      const preview = await call('cdrs.prune', { dryRun: true })
      modals.openConfirmModal({
        title: 'Prune old call records',
        children: (
          <Text size="sm">
            Delete {formatCount(preview.deleted)} cached call records that started before {utcDay(preview.cutoff)} (UTC), past the retention setting? Carriers may no
            longer have them.
          </Text>
        ),
        labels: { confirm: `Delete ${formatCount(preview.deleted)} records`, cancel: 'Keep them' },
        confirmProps: { color: 'red', disabled: preview.deleted === 0 },
        onConfirm: () => {
          call('cdrs.prune', { dryRun: false, confirmed: true }).then(
            (done) => {
              notifySuccess('Call records pruned', `${formatCount(done.deleted)} records deleted`)
              bumpData()
              coverage.reload()
            },
            (error: unknown) => notifyError('Could not prune call records', error),
          )
        },
      })
    } catch (error) {
      notifyError('Could not count the call records to prune', error)
    }
  }

  return (
    <Paper withBorder radius="sm" p="xs">
      <Stack gap="xs">
        <Group gap="xs" align="flex-end">
          <TextInput label="Fetch from (UTC day)" type="date" size="xs" w={150} value={from} onChange={(event) => setFrom(event.currentTarget.value)} />
          <TextInput label="to" type="date" size="xs" w={150} value={to} onChange={(event) => setTo(event.currentTarget.value)} />
          <Select
            label="Account"
            placeholder="Every account with call records"
            size="xs"
            w={230}
            clearable
            data={accounts.map((account) => ({ value: account.id, label: account.name }))}
            value={accountId}
            onChange={setAccountId}
          />
          {job ? (
            <Button size="xs" color="red" variant="light" onClick={() => void call('jobs.cancel', { jobId: job.jobId })}>
              Cancel fetch
            </Button>
          ) : (
            <Button size="xs" leftSection={<IconCloudDownload size={14} />} onClick={() => void fetchRange()} disabled={!from || !to || to < from}>
              Fetch call records
            </Button>
          )}
          <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => void prune()}>
            Prune past retention
          </Button>
        </Group>
        {job && (
          <div role="status" aria-label="Fetch progress">
            <Text size="xs">{formatCount(job.rows)} records read…</Text>
            <Progress value={100} animated size="xs" />
          </div>
        )}
        {failure && (
          <Alert color="orange" variant="light" title="Fetch stopped" withCloseButton onClose={() => setFailure(undefined)}>
            {failure}
          </Alert>
        )}
        {results && (
          <div role="status" aria-label="Fetch result">
            <Table fz="xs" verticalSpacing={1} aria-label="Fetch result by account">
              <Table.Tbody>
                {results.map((r) => (
                  <Table.Tr key={r.accountId}>
                    <Table.Td>{r.accountName}</Table.Td>
                    <Table.Td data-testid="fetch-result-line">
                      {r.error ??
                        `${formatCount(r.read)} read, ${formatCount(r.added)} new, ${formatCount(r.rejected)} unreadable rows, ${r.skipped} sources already ingested` +
                          (r.sources.some((s) => s.error) ? `; failed: ${r.sources.filter((s) => s.error).map((s) => `${s.source} (${s.error})`).join(', ')}` : '')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
        <Table fz="xs" verticalSpacing={1} aria-label="Call record coverage">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Account</Table.Th>
              <Table.Th ta="right">Cached records</Table.Th>
              <Table.Th>Cache covers</Table.Th>
              <Table.Th>First record</Table.Th>
              <Table.Th>Last record</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(coverage.data ?? []).map((row) => (
              <Table.Tr key={row.accountId}>
                <Table.Td>{accountName(accounts, row.accountId)}</Table.Td>
                <Table.Td ta="right">{formatCount(row.records)}</Table.Td>
                <Table.Td>{row.fetchedFrom === undefined ? '—' : `${formatTimestamp(row.fetchedFrom)} → ${row.fetchedTo === undefined ? '' : formatTimestamp(row.fetchedTo)}`}</Table.Td>
                <Table.Td>{row.firstRecordAt === undefined ? '—' : formatTimestamp(row.firstRecordAt)}</Table.Td>
                <Table.Td>{row.lastRecordAt === undefined ? '—' : formatTimestamp(row.lastRecordAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {coverage.data?.length === 0 && (
          <Text size="xs" c="dimmed">
            No call records cached yet: fetch a range above, or sync.
          </Text>
        )}
      </Stack>
    </Paper>
  )
}
