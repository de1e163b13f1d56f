/** The modal that walks a change through form → confirmation → progress → per-number result. */
import { Alert, Button, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core'
import { describeChange, normaliseTag } from '../../../../shared/number-edits'
import { OutcomeBadge, outcomeOf, outcomeSummary, worstFirst } from '../../components/batch-outcome'
import { JobProgress } from '../../components/job-progress'
import { StageControl, StagedNotice } from './stage-control'
import { formatCount, formatPhoneNumber } from '../../format'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useNavigationStore } from '../../stores/navigation'
import { actionTitles, useChangeFlowStore, type FlowDraft } from './change-flow-store'
import { ChangeForm, TagsForm } from './change-forms'
import type { SelectedNumber } from './numbers-store'

/** Lines shown in the confirmation and result tables; beyond this the counts say the rest. */
const shownLines = 200

function beforeValue(target: SelectedNumber, draft: FlowDraft): string {
  if (draft.type === 'release') return target.status
  if (draft.type === 'tags') return target.tags.join(', ') || '(no tags)'
  switch (draft.change.kind) {
    case 'routing':
      return target.trunk ?? '(none cached)'
    case 'cnam':
      return target.cnam ?? '(no CNAM)'
    case 'e911':
      return target.e911 ?? '(none cached)'
    case 'status':
      return target.status
    case 'failover':
      return target.failover ? formatPhoneNumber(target.failover) : '(no failover cached)'
    case 'stopForwarding':
      return target.trunk ?? '(none cached)'
    case 'group':
      return target.group ?? '(no group)'
    case 'e911Remove':
      return target.e911 ?? '(none cached)'
    default:
      // 411 and fax settings are not among the cached fields; the carrier's raw record has them.
      return '(see carrier record)'
  }
}

function afterValue(target: SelectedNumber, draft: FlowDraft): string {
  if (draft.type === 'release') return 'released (returned to the carrier)'
  if (draft.type === 'tags') {
    const tag = normaliseTag(draft.edit.tag)
    const tags = draft.edit.mode === 'add' ? [...new Set([...target.tags, tag])] : target.tags.filter((each) => each !== tag)
    return tags.join(', ') || '(no tags)'
  }
  return describeChange(draft.change)
}

function Confirmation() {
  const { targets, skipped, draft, action, confirm, back, stage, staging, error } = useChangeFlowStore()
  const carriers = useCarriersStore((state) => state.carriers)
  if (!draft) return null
  const carrierList = [...new Set(targets.map((target) => carrierName(carriers, target.carrier)))].join(', ')
  const releasing = action.type === 'release'
  return (
    <Stack gap="sm" role="region" aria-label="Confirmation">
      <Text size="sm">
        <b>{formatCount(targets.length)}</b> number{targets.length === 1 ? '' : 's'} at <b>{carrierList || '—'}</b>
        {draft.type === 'tags' ? ' (local tags only)' : ''}.
      </Text>
      {skipped.length > 0 && (
        <Alert color="yellow" variant="light">
          {formatCount(skipped.length)} selected number(s) are left out: their carrier does not offer this (
          {[...new Set(skipped.map((target) => carrierName(carriers, target.carrier)))].join(', ')}).
        </Alert>
      )}
      <ScrollArea.Autosize mah={280}>
        <Table aria-label="Before and after" fz="sm" verticalSpacing={2}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Number</Table.Th>
              <Table.Th>Before</Table.Th>
              <Table.Th>After</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {targets.slice(0, shownLines).map((target) => (
              <Table.Tr key={`${target.accountId} ${target.e164}`}>
                <Table.Td className="cd-mono cd-nowrap">{formatPhoneNumber(target.e164)}</Table.Td>
                <Table.Td>{beforeValue(target, draft)}</Table.Td>
                <Table.Td>{afterValue(target, draft)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {targets.length > shownLines && (
        <Text size="xs" c="dimmed">
          …and {formatCount(targets.length - shownLines)} more.
        </Text>
      )}
      <Group justify="space-between">
        {!releasing ? (
          <Button variant="default" onClick={back}>
            Back
          </Button>
        ) : (
          <span />
        )}
        <Group gap="xs">
          <StageControl disabled={targets.length === 0} busy={staging} onStage={(target) => void stage(target)} />
          <Button color={releasing ? 'red' : undefined} disabled={targets.length === 0} onClick={() => void confirm()}>
            {releasing ? `Release ${formatCount(targets.length)} number${targets.length === 1 ? '' : 's'}` : 'Confirm change'}
          </Button>
        </Group>
      </Group>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  )
}

function Staged() {
  const { staged, close } = useChangeFlowStore()
  const go = useNavigationStore((state) => state.go)
  if (!staged) return null
  return (
    <StagedNotice
      setName={staged.set.name}
      count={staged.count}
      total={staged.set.itemCount}
      onClose={close}
      onOpen={() => {
        close()
        go('changes')
      }}
    />
  )
}

function Running() {
  const { progress, cancelling, cancel } = useChangeFlowStore()
  return <JobProgress progress={progress} cancelling={cancelling} onCancel={() => void cancel()} regionLabel="Progress" barLabel="Job progress" />
}

function Result() {
  const { result, error, close } = useChangeFlowStore()
  const lines = result ? worstFirst(result.lines) : []
  return (
    <Stack gap="sm" role="region" aria-label="Result">
      {error ? (
        <Alert color="red" title="The change did not run">
          {error}
        </Alert>
      ) : (
        result && (
          <Text size="sm" fw={600} aria-live="polite" data-testid="change-result-summary">
            {outcomeSummary(result, 'succeeded')}
          </Text>
        )
      )}
      {lines.length > 0 && (
        <ScrollArea.Autosize mah={300}>
          <Table aria-label="Result per number" fz="sm" verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Number</Table.Th>
                <Table.Th>Result</Table.Th>
                <Table.Th>Carrier's message</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.slice(0, shownLines).map((line) => (
                <Table.Tr key={`${line.accountId} ${line.e164}`} aria-label={formatPhoneNumber(line.e164)}>
                  <Table.Td className="cd-mono cd-nowrap">{formatPhoneNumber(line.e164)}</Table.Td>
                  <Table.Td>
                    <OutcomeBadge line={line} done="ok" />
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c={outcomeOf(line) === 'failed' ? 'red' : 'dimmed'}>
                      {[line.code, line.message].filter(Boolean).join(': ')}
                      {line.checkedAfterFailure ? ' (checked at the carrier after an unclear answer)' : ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      <Group justify="flex-end">
        <Button onClick={close}>Close</Button>
      </Group>
    </Stack>
  )
}

export function ChangeFlowModal() {
  const { open, step, action, targets, canVerifyAddress, submitForm, close } = useChangeFlowStore()
  const title = actionTitles[action.type === 'change' ? action.kind : action.type]
  const formProps = { first: targets[0], targets, canVerifyAddress, onSubmit: submitForm }
  return (
    <Modal opened={open} onClose={close} title={title} size="lg" closeOnEscape={step !== 'running'} closeOnClickOutside={false} withCloseButton={step !== 'running'}>
      {step === 'form' && action.type === 'change' && <ChangeForm kind={action.kind} {...formProps} />}
      {step === 'form' && action.type === 'tags' && <TagsForm {...formProps} />}
      {step === 'confirm' && <Confirmation />}
      {step === 'running' && <Running />}
      {step === 'done' && <Result />}
      {step === 'staged' && <Staged />}
    </Modal>
  )
}
