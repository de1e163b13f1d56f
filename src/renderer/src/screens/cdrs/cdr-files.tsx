/** The carriers' daily CDR files, listed from the cache, each with Download → progress, Cancel → saved path. */
import { Badge, Button, CloseButton, Group, Paper, Progress, Stack, Table, Text } from '@mantine/core'
import { IconDownload, IconPlayerStop } from '@tabler/icons-react'
import type { CdrFile } from '../../../../shared/domain'
import { formatAge, formatBytes, formatCount, formatTimestamp } from '../../format'
import { accountName, useAccountsStore } from '../../stores/accounts'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useOffline } from '../../stores/connectivity'
import { useNow } from '../../use-now'
import { cdrFileKey, useDownloadsStore, type Download } from './downloads-store'

function DownloadCell({ file, label }: { file: CdrFile; label: string }) {
  const key = cdrFileKey(file)
  const download: Download | undefined = useDownloadsStore((state) => state.downloads[key])
  const start = useDownloadsStore((state) => state.start)
  const cancel = useDownloadsStore((state) => state.cancel)
  const dismiss = useDownloadsStore((state) => state.dismiss)
  const offline = useOffline()
  if (download?.state === 'running') {
    const percent = download.total > 0 ? Math.min(100, (download.done / download.total) * 100) : undefined
    return (
      <Group gap="xs" wrap="nowrap" role="status" aria-label={`Downloading ${label}`}>
        <Stack gap={2} w={160}>
          <Progress value={percent ?? 100} striped animated size="sm" aria-label={`Download progress ${label}`} />
          <Text size="xs" c="dimmed" className="cd-nowrap">
            {formatBytes(download.done)}
            {download.total > 0 ? ` of ${formatBytes(download.total)}` : ' (size unknown)'}
          </Text>
        </Stack>
        <Button
          size="compact-xs"
          color="red"
          variant="light"
          leftSection={<IconPlayerStop size={12} />}
          loading={download.cancelling}
          onClick={() => void cancel(key)}
          aria-label={`Cancel download ${label}`}
        >
          Cancel
        </Button>
      </Group>
    )
  }
  const again = (
    <Button
      size="compact-xs"
      variant="default"
      leftSection={<IconDownload size={12} />}
      disabled={offline}
      title={offline ? 'Offline: downloads need the carrier' : undefined}
      onClick={() => void start(file)}
      aria-label={`Download ${label}`}
    >
      Download
    </Button>
  )
  if (!download) return again
  return (
    <Stack gap={4} align="flex-start">
      <Group gap="xs" wrap="nowrap">
        {again}
        <CloseButton size="xs" aria-label={`Dismiss download result ${label}`} onClick={() => dismiss(key)} />
      </Group>
      <Stack gap={0} style={{ minWidth: 0 }} role="status" aria-label={`Download result ${label}`}>
        {download.state === 'done' && (
          <>
            <Text size="xs" c="teal">
              Saved {formatBytes(download.bytes ?? 0)} ({formatCount(download.bytes ?? 0)} bytes) to
            </Text>
            <Text size="xs" className="cd-mono" style={{ wordBreak: 'break-all' }} data-testid="cdr-download-file">
              {download.file}
            </Text>
          </>
        )}
        {download.state === 'cancelled' && (
          <Text size="xs" c="dimmed">
            Download cancelled
          </Text>
        )}
        {download.state === 'failed' && (
          <Text size="xs" c="red">
            {download.error}
          </Text>
        )}
      </Stack>
    </Stack>
  )
}

export function CdrFilesTable({ files }: { files: CdrFile[] }) {
  const accounts = useAccountsStore((state) => state.accounts)
  const carriers = useCarriersStore((state) => state.carriers)
  const now = useNow()
  return (
    <Paper withBorder radius="sm">
      <Table aria-label="CDR files" className="cd-table" highlightOnHover fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Day</Table.Th>
            <Table.Th>Direction</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Carrier / account</Table.Th>
            <Table.Th>Listed</Table.Th>
            <Table.Th>Download</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {files.map((file) => {
            const account = accountName(accounts, file.accountId)
            const label = `${file.day} ${file.direction} ${file.kind} ${account}`
            return (
              <Table.Tr key={cdrFileKey(file)} aria-label={`CDR file ${label}`}>
                <Table.Td className="cd-mono cd-nowrap">{file.day}</Table.Td>
                <Table.Td>{file.direction}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={file.kind === 'failed' ? 'orange' : 'teal'}>
                    {file.kind}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" className="cd-nowrap">
                    {carrierName(carriers, file.carrier)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {account}
                  </Text>
                </Table.Td>
                <Table.Td className="cd-nowrap" title={formatTimestamp(file.asOf)}>
                  {formatAge(file.asOf, now)}
                </Table.Td>
                <Table.Td>
                  <DownloadCell file={file} label={label} />
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}
