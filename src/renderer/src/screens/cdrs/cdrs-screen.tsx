/**
 * CDRs: the call-record store across carriers (fetch any range, coverage, prune; KPIs, charts, the table,
 * export) and the carriers' daily CDR files as listed (downloadable as they are).
 */
import { Center, Group, Loader, Stack, Text, Title } from '@mantine/core'
import type { CdrFile } from '../../../../shared/domain'
import { call } from '../../bridge'
import { CacheEmptyState } from '../../components/cache-empty-state'
import { LoadErrorAlert } from '../../components/load-error-alert'
import { DataAge, oldestAsOf } from '../../components/data-age'
import { ScreenHeader } from '../../components/screen-header'
import { SyncNowButton } from '../../components/sync-now-button'
import { SyncProgressPanel } from '../../components/sync-progress-panel'
import { formatCount } from '../../format'
import { useCached } from '../../use-cached'
import { OfflineBanner } from '../../components/offline-banner'
import { CallRecords } from './call-records'
import { CdrFetchPanel } from './cdr-fetch'
import { CdrFilesTable } from './cdr-files'

const loadFiles = (): Promise<CdrFile[]> => call('cdrs.files', {})

export function CdrsScreen() {
  const files = useCached(loadFiles)
  const list = files.data ?? []
  return (
    <Stack p="lg" gap={0}>
      <ScreenHeader
        title="CDRs"
        description="Call records from every carrier, kept in the local cache past the carriers' own windows"
        actions={<SyncNowButton areas={['cdrs']} tooltip="Fetch the CDR file lists and call records of every account again" />}
      />
      <SyncProgressPanel />
      <OfflineBanner />
      <Title order={3} size="h5" mb="xs">
        Call records
      </Title>
      <CdrFetchPanel />
      <div style={{ height: 8 }} />
      <CallRecords />
      <Group gap="md" mb="xs" mt="lg" align="baseline">
        <Title order={3} size="h5">
          CDR files
        </Title>
        <Text size="sm" c="dimmed" data-testid="cdr-files-total">
          {files.data === undefined ? 'Loading…' : `${formatCount(list.length)} file${list.length === 1 ? '' : 's'}`}
        </Text>
        <DataAge asOf={oldestAsOf(list)} testId="cdrs-data-age" />
      </Group>
      {files.error && (
        <LoadErrorAlert mb="xs" title="Could not load CDR files" error={files.error} />
      )}
      {files.data === undefined && files.loading ? (
        <Center py="md">
          <Loader size="sm" aria-label="Loading CDR files" />
        </Center>
      ) : list.length === 0 ? (
        !files.error && <CacheEmptyState title="No cached CDR files yet" hint="Sync to fetch CDR file lists: use “Sync now”. Only carriers that publish daily files list them." />
      ) : (
        <div style={{ maxHeight: 360, overflow: 'auto' }}>
          <CdrFilesTable files={list} />
        </div>
      )}
    </Stack>
  )
}
