/**
 * Change sets: edits staged instead of sent (from the Numbers screen's Stage, a CSV, or `carrierdesk changes
 * stage`), reviewed as a diff grouped by carrier, checked by a dry run (nothing sent), applied with progress
 * and Cancel, reverted as a new set, exported and imported as CSV. The list on the left, the chosen set on
 * the right.
 */
import { Alert, Badge, Button, Center, FileButton, Group, Paper, ScrollArea, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core'
import { IconArrowBackUp, IconChecklist, IconFileExport, IconFileImport, IconPlayerPlay, IconPlus, IconTrash } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import type { ChangeSetState, ChangeSetSummary } from '../../../../shared/ipc-shared'
import { fieldLabel } from '../../../../shared/number-edits'
import { subscribe } from '../../bridge'
import { ScreenHeader } from '../../components/screen-header'
import { formatAge, formatCount, formatPhoneNumber, formatTimestamp } from '../../format'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useChangeSetsStore } from '../../stores/change-sets'
import { useOffline } from '../../stores/connectivity'
import { useNow } from '../../use-now'
import { ApplyModal } from './apply-modal'
import { useChangesScreenStore } from './changes-store'
import { SetDiff } from './set-diff'

const stateColors: Record<ChangeSetState, string> = { draft: 'blue', applying: 'grape', applied: 'teal', 'partly applied': 'yellow' }

function StateBadge({ state }: { state: ChangeSetState }) {
  return (
    <Badge size="sm" variant="light" color={stateColors[state]} style={{ minWidth: 'max-content' }}>
      {state}
    </Badge>
  )
}

function SetList() {
  const sets = useChangeSetsStore((state) => state.sets)
  const loaded = useChangeSetsStore((state) => state.loaded)
  const selectedId = useChangesScreenStore((state) => state.selectedId)
  const select = useChangesScreenStore((state) => state.select)
  const carriers = useCarriersStore((state) => state.carriers)
  const now = useNow()
  if (loaded && sets.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="sm">
        No change sets yet. Stage a change from the Numbers screen (Stage, beside Confirm), import a CSV, or use `carrierdesk changes stage`.
      </Text>
    )
  }
  return (
    <Stack gap={4} role="list" aria-label="Change sets">
      {sets.map((set: ChangeSetSummary) => (
        <UnstyledButton
          key={set.id}
          role="listitem"
          aria-label={set.name}
          aria-current={set.id === selectedId ? 'true' : undefined}
          onClick={() => void select(set.id)}
          className="cd-panel"
          p="xs"
          style={{ background: set.id === selectedId ? 'var(--mantine-color-default-hover)' : undefined, borderRadius: 'var(--mantine-radius-sm)' }}
        >
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm" fw={600} truncate>
              {set.name}
            </Text>
            <StateBadge state={set.state} />
          </Group>
          <Text size="xs" c="dimmed">
            {formatCount(set.itemCount)} change{set.itemCount === 1 ? '' : 's'} · {set.carriers.map((carrier) => carrierName(carriers, carrier)).join(', ') || 'empty'}
          </Text>
          <Text size="xs" c="dimmed">
            {set.revertsName ? `reverts “${set.revertsName}” · ` : ''}updated {formatAge(set.updatedAt, now)}
          </Text>
        </UnstyledButton>
      ))}
    </Stack>
  )
}

function NewSetForm({ onDone }: { onDone: () => void }) {
  const create = useChangesScreenStore((state) => state.create)
  const [name, setName] = useState('')
  return (
    <form
      aria-label="New change set"
      onSubmit={(event) => {
        event.preventDefault()
        if (!name.trim()) return
        void create(name.trim()).then(onDone)
      }}
    >
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput label="Name" size="xs" value={name} maxLength={80} onChange={(event) => setName(event.currentTarget.value)} data-autofocus style={{ flex: 1 }} />
        <Button type="submit" size="xs" disabled={!name.trim()}>
          Create
        </Button>
      </Group>
    </form>
  )
}

function ImportButton({ into, label }: { into: () => { setId: string } | { name: string }; label: string }) {
  const importCsv = useChangesScreenStore((state) => state.importCsv)
  return (
    <FileButton accept=".csv,text/csv" onChange={(file) => void file?.text().then((csv) => importCsv(csv, into()))}>
      {(props) => (
        <Button {...props} size="xs" variant="default" leftSection={<IconFileImport size={14} />}>
          {label}
        </Button>
      )}
    </FileButton>
  )
}

function SetDetailPanel() {
  const detail = useChangesScreenStore((state) => state.detail)
  const check = useChangesScreenStore((state) => state.check)
  const checking = useChangesScreenStore((state) => state.checking)
  const revertNotes = useChangesScreenStore((state) => state.revertNotes)
  const lastExport = useChangesScreenStore((state) => state.lastExport)
  const { runCheck, openApply, revert, exportCsv, unstage, remove } = useChangesScreenStore.getState()
  const offline = useOffline()
  const carriers = useCarriersStore((state) => state.carriers)
  if (!detail) {
    return (
      <Center p="xl">
        <Text c="dimmed" size="sm">
          Choose a change set on the left.
        </Text>
      </Center>
    )
  }
  const applying = detail.state === 'applying'
  const toApply = detail.itemCount - detail.succeeded
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={3} size="h4">
              {detail.name}
            </Title>
            <StateBadge state={detail.state} />
          </Group>
          <Text size="xs" c="dimmed">
            {formatCount(detail.itemCount)} change{detail.itemCount === 1 ? '' : 's'} on {formatCount(detail.numberCount)} number(s) at{' '}
            {detail.carriers.map((carrier) => carrierName(carriers, carrier)).join(', ') || '—'} · {formatCount(detail.succeeded)} applied, {formatCount(detail.pending)} pending
            {detail.failed ? `, ${formatCount(detail.failed)} failed or skipped` : ''}
            {detail.unknown ? `, ${formatCount(detail.unknown)} unknown` : ''} · created {formatTimestamp(detail.createdAt)} by {detail.createdBy}
            {detail.revertsName ? ` · reverts “${detail.revertsName}”` : ''}
          </Text>
        </Stack>
      </Group>
      <Group gap="xs" role="toolbar" aria-label="Change set actions">
        <Button size="xs" variant="default" leftSection={<IconChecklist size={14} />} loading={checking} disabled={detail.itemCount === 0} onClick={() => void runCheck()}>
          Dry run
        </Button>
        <Button size="xs" leftSection={<IconPlayerPlay size={14} />} disabled={toApply === 0 || applying || offline} title={offline ? 'Offline: read-only' : undefined} onClick={openApply}>
          Apply…
        </Button>
        <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} />} disabled={detail.succeeded === 0 || applying} onClick={() => void revert()}>
          Revert
        </Button>
        <Button size="xs" variant="default" leftSection={<IconFileExport size={14} />} disabled={detail.itemCount === 0} onClick={() => void exportCsv()}>
          Export CSV
        </Button>
        <ImportButton into={() => ({ setId: detail.id })} label="Import CSV into this set" />
        <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} disabled={applying} onClick={() => void remove()}>
          Delete set
        </Button>
      </Group>
      {check && (
        <Alert
          role="status"
          aria-label="Dry run result"
          color={check.errors ? 'red' : check.warnings ? 'yellow' : 'teal'}
          variant="light"
          title={`Dry run (nothing sent): ${formatCount(check.ok)} ok, ${formatCount(check.warnings)} with warnings, ${formatCount(check.errors)} refused`}
        >
          {check.errors > 0
            ? 'Refused changes are not sent when the set is applied: their carrier does not offer them, would not take the value, or the cache says the number is not there.'
            : check.warnings > 0
              ? 'Changes with warnings are sent when applied; read them first.'
              : 'Every change can be sent.'}
          {check.alreadyApplied > 0 ? ` ${formatCount(check.alreadyApplied)} applied already.` : ''} Checked {formatTimestamp(check.checkedAt)} against the cache.
        </Alert>
      )}
      {revertNotes && revertNotes.length > 0 && (
        <Alert color="yellow" variant="light" title={`${formatCount(revertNotes.length)} applied change(s) could not be reverted`}>
          {revertNotes.slice(0, 10).map((note) => (
            <Text key={`${note.accountId} ${note.e164} ${note.field}`} size="xs">
              {formatPhoneNumber(note.e164)} {fieldLabel(note.field)}: {note.reason}
            </Text>
          ))}
        </Alert>
      )}
      {lastExport && (
        <Alert role="status" aria-label="Export result" color="teal" variant="light" title="Exported">
          <Text size="sm">
            {formatCount(lastExport.rows)} rows written to <span className="cd-mono" data-testid="changes-export-file">{lastExport.file}</span>
          </Text>
        </Alert>
      )}
      {detail.items.length === 0 ? (
        <Paper withBorder p="lg">
          <Text size="sm" c="dimmed">
            This set is empty. Stage changes from the Numbers screen (select numbers, choose an action, then Stage), or import a CSV with the columns
            account, number, field, after.
          </Text>
        </Paper>
      ) : (
        <SetDiff detail={detail} check={check} editable={!applying} onUnstage={(item) => void unstage([{ accountId: item.accountId, e164: item.e164, field: item.field }])} />
      )}
    </Stack>
  )
}

export function ChangesScreen() {
  const selectedId = useChangesScreenStore((state) => state.selectedId)
  const sets = useChangeSetsStore((state) => state.sets)
  const lastStagedId = useChangeSetsStore((state) => state.lastStagedId)
  const [creating, setCreating] = useState(false)

  useEffect(() => {
    void useChangeSetsStore.getState().load().catch(() => undefined)
    return subscribe('changes.changed', ({ setIds }) => {
      const current = useChangesScreenStore.getState().selectedId
      if (current && setIds.includes(current)) void useChangesScreenStore.getState().reload()
    })
  }, [])
  // Open on the set staged into last, else the newest one.
  useEffect(() => {
    if (selectedId || sets.length === 0) return
    void useChangesScreenStore.getState().select(sets.find((set) => set.id === lastStagedId)?.id ?? sets[0]?.id)
  }, [selectedId, sets, lastStagedId])

  return (
    <Stack p="lg" gap={0} h="100%">
      <ScreenHeader
        title="Change sets"
        description="Changes staged instead of sent: review the diff, dry-run it, apply it, revert it. Nothing reaches a carrier until you apply."
        actions={
          <>
            <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={() => setCreating((value) => !value)}>
              New set
            </Button>
            <ImportButton into={() => ({ name: `Imported ${formatTimestamp(Date.now()).slice(0, 16)}` })} label="Import CSV as a new set" />
          </>
        }
      />
      <Group align="flex-start" wrap="nowrap" gap="md" style={{ flex: 1, minHeight: 0 }}>
        <Paper withBorder radius="sm" p="xs" w={300} style={{ flexShrink: 0 }}>
          {creating && (
            <div style={{ marginBottom: 8 }}>
              <NewSetForm onDone={() => setCreating(false)} />
            </div>
          )}
          <ScrollArea.Autosize mah="calc(100dvh - 220px)">
            <SetList />
          </ScrollArea.Autosize>
        </Paper>
        <div style={{ flex: 1, minWidth: 0 }}>
          <SetDetailPanel />
        </div>
      </Group>
      <ApplyModal />
    </Stack>
  )
}
