/**
 * The detail panel for one number: every cached field, local tags and notes (editable), the actions its
 * carrier offers, recent activity and the carrier's raw record. Reloads when the cached data changes.
 */
import { Button, Code, Collapse, Drawer, Group, Loader, Stack, TagsInput, Text, Textarea, Title } from '@mantine/core'
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { changeCapability, type Capability, type PhoneNumberRecord } from '../../../../shared/domain'
import type { NumberDetail } from '../../../../shared/ipc-shared'
import { call, toErrorShape } from '../../bridge'
import { RecentActivity } from '../../components/recent-activity'
import { TrafficReportPanel } from '../../components/traffic-view'
import { formatAge, formatPhoneNumber, formatTimestamp } from '../../format'
import { notifyError, notifySuccess } from '../../notify'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useOffline } from '../../stores/connectivity'
import { useNow } from '../../use-now'
import { CarrierFeatures } from './carrier-features'
import { FieldTable } from './field-table'
import { actionTitles, useChangeFlowStore, type ChangeKind } from './change-flow-store'
import { StatusBadges } from './number-cells'
import { formatMoney } from '../../format'
import { toSelected, useNumbersStore } from './numbers-store'

function Fields({ number, now }: { number: PhoneNumberRecord; now: number }) {
  const carriers = useCarriersStore((state) => state.carriers)
  const rows: [string, React.ReactNode][] = [
    ['Carrier', carrierName(carriers, number.carrier)],
    ['Account', number.accountName ?? number.accountId],
    ['Type', number.type],
    ['Status', <StatusBadges key="status" record={number} />],
    ['State', number.state ?? '—'],
    ['Rate center', number.rateCenter ?? '—'],
    ['Routing / trunk', number.trunk ?? '—'],
    ['CNAM', number.cnam ?? '—'],
    ['E911 address', number.e911 ?? 'none'],
    ...(number.group ? [['Number group', number.group] as [string, React.ReactNode]] : []),
    ...(number.failover ? [['Failover', formatPhoneNumber(number.failover)] as [string, React.ReactNode]] : []),
    ['Monthly cost', formatMoney(number.monthlyCost)],
    ['As of', `${formatAge(number.asOf, now)} (${formatTimestamp(number.asOf)})`],
  ]
  if (number.goneAt !== undefined) rows.push(['Gone since', formatTimestamp(number.goneAt)])
  return (
    <FieldTable label="Number fields" rows={rows} />
  )
}

function NotesEditor({ number, onSaved }: { number: PhoneNumberRecord; onSaved: () => void }) {
  const [tags, setTags] = useState(number.tags ?? [])
  const [notes, setNotes] = useState(number.notes ?? '')
  const [saving, setSaving] = useState(false)
  useEffect(() => {
    setTags(number.tags ?? [])
    setNotes(number.notes ?? '')
  }, [number])
  const dirty = notes !== (number.notes ?? '') || tags.join(' ') !== (number.tags ?? []).join(' ')
  const save = async (): Promise<void> => {
    setSaving(true)
    try {
      await call('numbers.setNotes', { accountId: number.accountId, e164: number.e164, tags, notes })
      notifySuccess('Notes saved', `${formatPhoneNumber(number.e164)}: tags and notes are kept in CarrierDesk only.`)
      onSaved()
    } catch (error) {
      notifyError('Could not save the notes', error)
    } finally {
      setSaving(false)
    }
  }
  return (
    <Stack gap="xs">
      <TagsInput label="Tags" value={tags} onChange={setTags} maxTags={50} clearable />
      <Textarea label="Notes" value={notes} onChange={(event) => setNotes(event.currentTarget.value)} autosize minRows={2} maxRows={8} maxLength={4000} />
      <Group justify="flex-end">
        <Button size="xs" disabled={!dirty} loading={saving} onClick={() => void save()}>
          Save tags and notes
        </Button>
      </Group>
    </Stack>
  )
}

const changeKinds: ChangeKind[] = ['routing', 'stopForwarding', 'failover', 'group', 'cnam', 'e911', 'e911Remove', 'listing411', 'fax', 'status']

function Actions({ detail }: { detail: NumberDetail }) {
  const start = useChangeFlowStore((state) => state.start)
  const carriers = useCarriersStore((state) => state.carriers)
  const offline = useOffline()
  const has = (capability: Capability): boolean => detail.capabilities.includes(capability)
  const target = toSelected(detail.number)
  const available = changeKinds.filter((kind) => has(changeCapability[kind]))
  if (available.length === 0 && !has('numbers.release')) {
    return (
      <Text size="sm" c="dimmed">
        {carrierName(carriers, detail.number.carrier)} offers no changes to numbers through its API.
      </Text>
    )
  }
  return (
    <Group gap={6} role="group" aria-label="Number actions">
      {available.map((kind) => (
        <Button
          key={kind}
          size="xs"
          variant="default"
          disabled={offline}
          onClick={() => start({ action: { type: 'change', kind }, targets: [target], carriers, canVerifyAddress: has('numbers.addressVerify') })}
        >
          {actionTitles[kind]}
        </Button>
      ))}
      {has('numbers.release') && (
        <Button size="xs" color="red" variant="light" disabled={offline} onClick={() => start({ action: { type: 'release' }, targets: [target], carriers })}>
          Release
        </Button>
      )}
      {offline && (
        <Text size="xs" c="orange">
          Offline: read-only
        </Text>
      )}
    </Group>
  )
}

function RawRecord({ raw }: { raw: unknown }) {
  const [open, setOpen] = useState(false)
  return (
    <Stack gap={4}>
      <Button
        size="xs"
        variant="subtle"
        justify="flex-start"
        leftSection={open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
        onClick={() => setOpen((value) => !value)}
        aria-expanded={open}
      >
        Carrier's raw record
      </Button>
      <Collapse in={open}>
        <Code block aria-label="Carrier's raw record" style={{ maxHeight: 320, overflow: 'auto' }}>
          {JSON.stringify(raw, null, 2)}
        </Code>
      </Collapse>
    </Stack>
  )
}

export function NumberDetailDrawer() {
  const key = useNumbersStore((state) => state.detail)
  const generation = useNumbersStore((state) => state.generation)
  const close = useNumbersStore((state) => state.closeDetail)
  const refresh = useNumbersStore((state) => state.refresh)
  const [detail, setDetail] = useState<NumberDetail>()
  const [error, setError] = useState<string>()
  const now = useNow()

  useEffect(() => {
    if (!key) {
      setDetail(undefined)
      return
    }
    let current = true
    setError(undefined)
    call('numbers.get', key)
      .then((answer) => current && setDetail(answer))
      .catch((failure: unknown) => current && setError(toErrorShape(failure).message))
    return () => {
      current = false
    }
  }, [key, generation])

  const shown = detail && key && detail.number.e164 === key.e164 && detail.number.accountId === key.accountId ? detail : undefined
  return (
    <Drawer
      opened={key !== undefined}
      onClose={close}
      position="right"
      size={560}
      title={<Title order={3} size="h4" className="cd-mono">{key ? formatPhoneNumber(key.e164) : ''}</Title>}
      closeButtonProps={{ 'aria-label': 'Close number detail' }}
    >
      {error ? (
        <Text c="red" role="alert">
          {error}
        </Text>
      ) : !shown ? (
        <Loader size="sm" aria-label="Loading number" />
      ) : (
        <Stack gap="md">
          <Fields number={shown.number} now={now} />
          <Stack gap={6}>
            <Title order={4} size="h6">
              Actions
            </Title>
            <Actions detail={shown} />
          </Stack>
          <CarrierFeatures detail={shown} onChanged={refresh} />
          <NotesEditor number={shown.number} onSaved={refresh} />
          {shown.capabilities.includes('numbers.traffic') && (
            <Stack gap={6}>
              <Title order={4} size="h6">
                Traffic
              </Title>
              <TrafficReportPanel
                query={{ accountId: shown.number.accountId, scope: 'number', subjects: [shown.number.e164] }}
                label={`Traffic of ${formatPhoneNumber(shown.number.e164)}`}
                labelOf={(row) => formatPhoneNumber(row.subject)}
              />
            </Stack>
          )}
          <Stack gap={6}>
            <Title order={4} size="h6">
              Recent activity
            </Title>
            <RecentActivity entries={shown.activity} now={now} empty="No activity recorded for this number." />
          </Stack>
          <RawRecord raw={shown.number.raw} />
        </Stack>
      )}
    </Drawer>
  )
}
