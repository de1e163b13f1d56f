/**
 * Applying a change set: the confirmation shows the dry run's counts (what will be sent, to which carriers,
 * the warnings, what the checks refuse and will not send), then the job runs with progress and Cancel
 * (between batches, never inside a carrier call), then each number's result.
 */
import { Alert, Badge, Button, Group, Loader, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core'
import { fieldLabel } from '../../../../shared/number-edits'
import { OutcomeBadge, outcomeOf, worstFirst } from '../../components/batch-outcome'
import { JobProgress } from '../../components/job-progress'
import { formatCount, formatPhoneNumber } from '../../format'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useChangesScreenStore } from './changes-store'

const shownLines = 300

function Confirm() {
  const detail = useChangesScreenStore((state) => state.detail)
  const check = useChangesScreenStore((state) => state.check)
  const checking = useChangesScreenStore((state) => state.checking)
  const confirmApply = useChangesScreenStore((state) => state.confirmApply)
  const closeApply = useChangesScreenStore((state) => state.closeApply)
  const carriers = useCarriersStore((state) => state.carriers)
  if (!detail) return null
  if (!check || checking) {
    return (
      <Group gap="xs">
        <Loader size="sm" />
        <Text size="sm">Running the dry run…</Text>
      </Group>
    )
  }
  const sending = check.ok + check.warnings
  const names = detail.carriers.map((carrier) => carrierName(carriers, carrier)).join(', ')
  return (
    <Stack gap="sm" role="region" aria-label="Apply confirmation">
      <Text size="sm">
        <b>{formatCount(sending)}</b> change{sending === 1 ? '' : 's'} from “{detail.name}” will be sent to <b>{names || '—'}</b>.
        {check.alreadyApplied > 0 ? ` ${formatCount(check.alreadyApplied)} applied already are left alone.` : ''}
      </Text>
      {check.warnings > 0 && (
        <Alert color="yellow" variant="light" title={`${formatCount(check.warnings)} with warnings`}>
          They will be sent: look at their warnings in the diff first (a number changed at the carrier since staging, a trunk not known…).
        </Alert>
      )}
      {check.errors > 0 && (
        <Alert color="red" variant="light" title={`${formatCount(check.errors)} refused by the checks`}>
          They will not be sent (marked skipped); fix or take them out, then apply again.
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={closeApply}>
          Back
        </Button>
        <Button disabled={sending === 0} onClick={() => void confirmApply()}>
          Apply {formatCount(sending)} change{sending === 1 ? '' : 's'}
        </Button>
      </Group>
    </Stack>
  )
}

function Running() {
  const { progress, cancelling } = useChangesScreenStore((state) => state.apply)
  const cancelApply = useChangesScreenStore((state) => state.cancelApply)
  return <JobProgress progress={progress} cancelling={cancelling} onCancel={() => void cancelApply()} regionLabel="Apply progress" barLabel="Apply progress bar" />
}

function Done() {
  const { result, error } = useChangesScreenStore((state) => state.apply)
  const closeApply = useChangesScreenStore((state) => state.closeApply)
  const lines = result ? worstFirst(result.lines) : []
  return (
    <Stack gap="sm" role="region" aria-label="Apply result">
      {error ? (
        <Alert color="red" title="The set was not applied">
          {error}
        </Alert>
      ) : (
        result && (
          <Text size="sm" fw={600} data-testid="apply-result-summary" aria-live="polite">
            {formatCount(result.succeeded)} applied, {formatCount(result.failed)} failed, {formatCount(result.skipped)} skipped
            {result.notSent > 0 ? `, ${formatCount(result.notSent)} not sent` : ''}
            {result.cancelled ? ' (cancelled)' : ''}
          </Text>
        )
      )}
      {lines.length > 0 && (
        <ScrollArea.Autosize mah={320}>
          <Table aria-label="Result per number" fz="sm" verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Number</Table.Th>
                <Table.Th>Field</Table.Th>
                <Table.Th>Result</Table.Th>
                <Table.Th>Message</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.slice(0, shownLines).map((line) => (
                <Table.Tr key={`${line.accountId} ${line.e164} ${line.field}`}>
                  <Table.Td className="cd-mono cd-nowrap">{formatPhoneNumber(line.e164)}</Table.Td>
                  <Table.Td>{fieldLabel(line.field)}</Table.Td>
                  <Table.Td>
                    {line.code === 'skipped' ? (
                      <Badge size="sm" variant="light" color="orange" style={{ minWidth: 'max-content' }}>
                        skipped
                      </Badge>
                    ) : (
                      <OutcomeBadge line={line} done="applied" />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c={outcomeOf(line) === 'failed' ? 'red' : 'dimmed'}>
                      {[line.code === 'skipped' ? '' : line.code, line.message].filter(Boolean).join(': ')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      <Group justify="flex-end">
        <Button onClick={closeApply}>Close</Button>
      </Group>
    </Stack>
  )
}

export function ApplyModal() {
  const { open, step } = useChangesScreenStore((state) => state.apply)
  const closeApply = useChangesScreenStore((state) => state.closeApply)
  const name = useChangesScreenStore((state) => state.detail?.name)
  return (
    <Modal opened={open} onClose={closeApply} title={`Apply ${name ?? ''}`} size="lg" closeOnEscape={step !== 'running'} closeOnClickOutside={false} withCloseButton={step !== 'running'}>
      {step === 'confirm' && <Confirm />}
      {step === 'running' && <Running />}
      {step === 'done' && <Done />}
    </Modal>
  )
}
