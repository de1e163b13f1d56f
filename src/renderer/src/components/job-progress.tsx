/** A running batch job: "N of M done, K failed", a bar, and Cancel. */
import { Button, Group, Progress, Stack, Text } from '@mantine/core'
import { formatCount } from '../format'

export interface JobProgressProps {
  progress: { done: number; total: number; failed: number }
  cancelling: boolean
  onCancel: () => void
  /** The region's and the bar's accessible names. */
  regionLabel: string
  barLabel: string
}

export function JobProgress({ progress, cancelling, onCancel, regionLabel, barLabel }: JobProgressProps) {
  const percent = progress.total ? (progress.done / progress.total) * 100 : 0
  return (
    <Stack gap="sm" role="region" aria-label={regionLabel}>
      <Text size="sm" aria-live="polite">
        {formatCount(progress.done)} of {formatCount(progress.total)} done{progress.failed ? `, ${formatCount(progress.failed)} failed` : ''}
      </Text>
      <Progress value={Math.max(3, percent)} animated striped aria-label={barLabel} />
      <Group justify="flex-end">
        <Button color="red" variant="light" loading={cancelling} onClick={onCancel}>
          Cancel
        </Button>
      </Group>
    </Stack>
  )
}
