/**
 * What a technician does about a finding from its card: route its numbers to a trunk, release them (both
 * through the same numbers.change / numbers.release jobs as the Numbers screen, confirmed first), or
 * dismiss it with a reason. Main recomputes the findings when the numbers change.
 */
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { NumberKey, TrunkGroup } from '../../../../shared/domain'
import { summedMonthlyCost, type Finding } from '../../../../shared/findings'
import type { BatchResult } from '../../../../shared/ipc-shared'
import { call } from '../../bridge'
import { outcomeSummary } from '../../components/batch-outcome'
import { formatCount, formatMoney } from '../../format'
import { notifyError, notifyFailure, notifySuccess } from '../../notify'
import { useFindingsStore } from '../../stores/findings'

export type FindingDialog = { kind: 'route' | 'release' | 'dismiss'; finding: Finding } | undefined

const keysOf = (finding: Finding): NumberKey[] =>
  finding.subjects.flatMap((s) => (s.e164 ? [{ accountId: s.accountId, e164: s.e164 }] : []))

const plural = (n: number, one: string): string => `${formatCount(n)} ${one}${n === 1 ? '' : 's'}`

/** What a route or release dialog says when the finding concerns more numbers than it lists (and sends). */
function PartNote({ finding, sent }: { finding: Finding; sent: number }) {
  if (finding.subjectCount <= sent) return null
  return (
    <Text size="sm" c="dimmed" data-testid="finding-part">
      This finding concerns {plural(finding.subjectCount, 'number')}: the first {formatCount(sent)} are sent now, the most one change
      takes. The findings are computed again afterwards, with the rest.
    </Text>
  )
}

/** The listed subjects' monthly cost, when they are only part of the finding (else the finding's own sum). */
function sentCost(finding: Finding, sent: number): number | undefined {
  return finding.subjectCount <= sent ? finding.monthlyCost : summedMonthlyCost(finding.subjects.filter((s) => s.e164))
}

function reportBatch(title: string, result: BatchResult, done: string): void {
  const summary = outcomeSummary(result, done)
  if (result.failed > 0) notifyFailure(title, summary)
  else notifySuccess(title, summary)
}

function RouteDialog({ finding, onClose }: { finding: Finding; onClose: () => void }) {
  const keys = keysOf(finding)
  const accountKey = [...new Set(keys.map((k) => k.accountId))].join(' ')
  const [trunks, setTrunks] = useState<TrunkGroup[] | undefined>(undefined)
  const [trunk, setTrunk] = useState<string | null>(null)
  const [typed, setTyped] = useState('')
  const [sending, setSending] = useState(false)
  useEffect(() => {
    const accountIds = accountKey.split(' ')
    void call('trunks.list', {})
      .then((all) => setTrunks(all.filter((t) => accountIds.includes(t.accountId) && t.status === 'active' && t.direction !== 'termination')))
      .catch(() => setTrunks([]))
  }, [accountKey])
  const chosen = trunks && trunks.length > 0 ? trunk : typed.trim() || null
  const send = async (): Promise<void> => {
    if (!chosen) return
    setSending(true)
    try {
      const result = await call('numbers.change', {
        jobId: crypto.randomUUID(),
        targets: keys,
        change: { kind: 'routing', routing: { kind: 'trunk', trunk: chosen } },
        confirmed: true,
      })
      reportBatch('Routing changed', result, 'routed')
      onClose()
    } catch (error) {
      notifyError('Could not change routing', error)
    } finally {
      setSending(false)
    }
  }
  return (
    <Stack gap="sm">
      <Text size="sm">
        Route {plural(keys.length, 'number')} to a trunk. This changes where calls to them go at the carrier.
      </Text>
      <PartNote finding={finding} sent={keys.length} />
      {trunks === undefined ? (
        <Text size="sm" c="dimmed">Loading trunks…</Text>
      ) : trunks.length > 0 ? (
        <Select
          label="Trunk"
          placeholder="Choose a trunk"
          data={trunks.map((t) => ({ value: t.id, label: t.id === t.name ? t.name : `${t.name} (${t.id})` }))}
          value={trunk}
          onChange={setTrunk}
          data-autofocus
        />
      ) : (
        <TextInput
          label="Trunk or endpoint group id"
          description="No trunk of this account is cached: type the id the carrier uses."
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          data-autofocus
        />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button disabled={!chosen} loading={sending} onClick={() => void send()}>
          Route {plural(keys.length, 'number')}
        </Button>
      </Group>
    </Stack>
  )
}

function ReleaseDialog({ finding, onClose }: { finding: Finding; onClose: () => void }) {
  const keys = keysOf(finding)
  const cost = sentCost(finding, keys.length)
  const [understood, setUnderstood] = useState(false)
  const [sending, setSending] = useState(false)
  const send = async (): Promise<void> => {
    setSending(true)
    try {
      const result = await call('numbers.release', { jobId: crypto.randomUUID(), targets: keys, confirmed: true })
      reportBatch('Numbers released', result, 'released')
      onClose()
    } catch (error) {
      notifyError('Could not release the numbers', error)
    } finally {
      setSending(false)
    }
  }
  return (
    <Stack gap="sm">
      <Alert color="red" variant="light" title="Releasing cannot be undone">
        {plural(keys.length, 'number')} go back to the carrier and stop being billed
        {cost !== undefined ? ` (${formatMoney(cost)} a month)` : ''}. Calls to them stop
        at once and someone else may buy them.
      </Alert>
      <PartNote finding={finding} sent={keys.length} />
      <Checkbox label={`Release ${plural(keys.length, 'number')}`} checked={understood} onChange={(event) => setUnderstood(event.currentTarget.checked)} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button color="red" disabled={!understood} loading={sending} onClick={() => void send()}>
          Release
        </Button>
      </Group>
    </Stack>
  )
}

function DismissDialog({ finding, onClose }: { finding: Finding; onClose: () => void }) {
  const dismiss = useFindingsStore((state) => state.dismiss)
  const [reason, setReason] = useState('')
  const [sending, setSending] = useState(false)
  const send = async (): Promise<void> => {
    setSending(true)
    try {
      await dismiss(finding.id, reason.trim())
      notifySuccess('Finding dismissed', 'It opens again if its facts change.')
      onClose()
    } catch (error) {
      notifyError('Could not dismiss the finding', error)
    } finally {
      setSending(false)
    }
  }
  return (
    <Stack gap="sm">
      <Text size="sm">
        Dismiss “{finding.title}” for {plural(finding.subjectCount, finding.subjects.some((s) => s.e164) ? 'number' : 'item')}. It is kept with your
        name and reason, and opens again if its facts change.
      </Text>
      <Textarea label="Why it needs no action" value={reason} onChange={(event) => setReason(event.currentTarget.value)} maxLength={500} autosize minRows={2} data-autofocus />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button disabled={reason.trim() === ''} loading={sending} onClick={() => void send()}>
          Dismiss
        </Button>
      </Group>
    </Stack>
  )
}

const titles = { route: 'Route to a trunk', release: 'Release numbers', dismiss: 'Dismiss finding' } as const

export function FindingDialogs({ dialog, onClose }: { dialog: FindingDialog; onClose: () => void }) {
  return (
    <Modal opened={dialog !== undefined} onClose={onClose} title={dialog ? titles[dialog.kind] : ''} centered>
      {dialog?.kind === 'route' && <RouteDialog finding={dialog.finding} onClose={onClose} />}
      {dialog?.kind === 'release' && <ReleaseDialog finding={dialog.finding} onClose={onClose} />}
      {dialog?.kind === 'dismiss' && <DismissDialog finding={dialog.finding} onClose={onClose} />}
    </Modal>
  )
}
