/**
 * One trunk group's panel: its settings and IPs, how many cached numbers route to it (with a link to the
 * Numbers screen filtered on it), Edit and Disable where its carrier allows, its Traffic (chart and
 * table, cached with "as of"), recent activity and the carrier's raw record.
 */
import { Badge, Button, Code, Drawer, Group, Loader, Modal, Stack, Table, Tabs, Text, Title } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { CarrierInfo } from '../../../../shared/domain'
import type { TrunkChangeOutcome, TrunkDetail, TrunkListRow } from '../../../../shared/ipc-shared'
import type { TrunkDirection, TrunkFieldKey } from '../../../../shared/trunks'
import { call, toErrorShape } from '../../bridge'
import { RecentActivity } from '../../components/recent-activity'
import { TrafficReportPanel } from '../../components/traffic-view'
import { formatAge, formatCount, formatTimestamp } from '../../format'
import { notifyError, notifySuccess } from '../../notify'
import { accountName, useAccountsStore } from '../../stores/accounts'
import { carrierName, useCarriersStore } from '../../stores/carriers'
import { useOffline } from '../../stores/connectivity'
import { useNavigationStore } from '../../stores/navigation'
import { useNow } from '../../use-now'

/** The form a trunk of this direction edits with ('both' as origination). */
export const formDirectionOf = (trunk: TrunkListRow): TrunkDirection => (trunk.direction === 'termination' ? 'termination' : 'origination')

function Settings({ trunk, carrier }: { trunk: TrunkListRow; carrier: CarrierInfo | undefined }) {
  const form = carrier?.trunkForms?.[formDirectionOf(trunk)]
  const entries = Object.entries(trunk.settings ?? {}) as [TrunkFieldKey, string][]
  if (entries.length === 0) return <Text size="sm" c="dimmed">No settings cached for this trunk.</Text>
  return (
    <Table aria-label="Trunk settings" fz="sm" verticalSpacing={2} withRowBorders={false}>
      <Table.Tbody>
        {entries.map(([key, value]) => (
          <Table.Tr key={key}>
            <Table.Th w={160} fw={500} c="dimmed">
              {form?.fields.find((field) => field.key === key)?.label ?? key}
            </Table.Th>
            <Table.Td className="cd-mono">{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function DisableConfirmation({ trunk, opened, onClose, onDone }: { trunk: TrunkListRow; opened: boolean; onClose: () => void; onDone: (outcome: TrunkChangeOutcome) => void }) {
  const [sending, setSending] = useState(false)
  const disable = async (): Promise<void> => {
    setSending(true)
    try {
      const outcome = await call('trunks.disable', { accountId: trunk.accountId, trunkId: trunk.id, confirmed: true })
      if (outcome.outcome === 'succeeded') notifySuccess('Trunk group disabled', outcome.message)
      onDone(outcome)
    } catch (error) {
      notifyError('Could not disable the trunk group', error)
    } finally {
      setSending(false)
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} title={`Disable ${trunk.name}?`} closeOnClickOutside={false}>
      <Stack gap="sm">
        <Text size="sm">
          Disable trunk group <b>{trunk.name}</b> ({trunk.id}, {trunk.ips.join(', ') || 'no IP listed'}). Calls stop flowing over it at the carrier.
        </Text>
        <Text size="sm" fw={600} data-testid="disable-numbers">
          {trunk.numbers === 0 ? 'No cached number routes to it.' : `${formatCount(trunk.numbers)} cached number${trunk.numbers === 1 ? ' routes' : 's route'} to it.`}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={sending}>
            Cancel
          </Button>
          <Button color="red" loading={sending} onClick={() => void disable()}>
            Disable trunk group
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

export function TrunkDetailDrawer({
  trunk,
  onClose,
  onEdit,
  onChanged,
}: {
  trunk: TrunkListRow | undefined
  onClose: () => void
  onEdit: (trunk: TrunkListRow) => void
  onChanged: (outcome: TrunkChangeOutcome) => void
}) {
  const carriers = useCarriersStore((state) => state.carriers)
  const accounts = useAccountsStore((state) => state.accounts)
  const openNumbers = useNavigationStore((state) => state.openNumbers)
  const offline = useOffline()
  const now = useNow()
  const [detail, setDetail] = useState<TrunkDetail>()
  const [error, setError] = useState<string>()
  const [disabling, setDisabling] = useState(false)
  useEffect(() => {
    setDetail(undefined)
    setError(undefined)
    if (!trunk) return
    let current = true
    call('trunks.detail', { accountId: trunk.accountId, trunkId: trunk.id })
      .then((answer) => current && setDetail(answer))
      .catch((failure: unknown) => current && setError(toErrorShape(failure).message))
    return () => {
      current = false
    }
  }, [trunk])
  const shown = detail?.trunk ?? trunk
  const carrier = carriers.find((info) => info.id === shown?.carrier)
  const form = shown ? carrier?.trunkForms?.[formDirectionOf(shown)] : undefined
  const manage = carrier?.capabilities.includes('trunks.manage') ?? false
  const hasTraffic = carrier?.capabilities.includes('trunks.traffic') ?? false
  return (
    <Drawer opened={trunk !== undefined} onClose={onClose} position="right" size="xl" title={shown ? <Title order={4}>{shown.name}</Title> : undefined} aria-label="Trunk detail">
      {shown && (
        <Stack gap="sm">
          <Group gap="xs">
            <Badge variant="light">{carrierName(carriers, shown.carrier)}</Badge>
            <Text size="sm">{accountName(accounts, shown.accountId)}</Text>
            <Text size="sm" className="cd-mono" c="dimmed">
              {shown.id}
            </Text>
            <Badge size="sm" variant="light" color={shown.status === 'active' ? 'teal' : shown.status === 'disabled' ? 'gray' : 'yellow'}>
              {shown.status}
            </Badge>
            <Text size="xs" c="dimmed" title={formatTimestamp(shown.asOf)}>
              as of {formatAge(shown.asOf, now)}
            </Text>
          </Group>
          <Group gap="xs">
            <Text size="sm" data-testid="trunk-numbers">
              {formatCount(shown.numbers)} cached number{shown.numbers === 1 ? '' : 's'} route to it
            </Text>
            <Button size="xs" variant="subtle" disabled={shown.numbers === 0} onClick={() => openNumbers({ accountIds: [shown.accountId], trunk: shown.id })}>
              Show them in Numbers
            </Button>
          </Group>
          {manage && form && (
            <Group gap={6} role="group" aria-label="Trunk actions">
              {form.canUpdate && (
                <Button size="xs" variant="default" disabled={offline || !shown.settings} onClick={() => onEdit(shown)}>
                  Edit
                </Button>
              )}
              {form.canDisable && (
                <Button size="xs" color="red" variant="light" disabled={offline || shown.status === 'disabled'} onClick={() => setDisabling(true)}>
                  Disable
                </Button>
              )}
            </Group>
          )}
          {error && (
            <Text size="sm" c="red" role="alert">
              {error}
            </Text>
          )}
          <Tabs defaultValue="settings" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="settings">Settings</Tabs.Tab>
              {hasTraffic && <Tabs.Tab value="traffic">Traffic</Tabs.Tab>}
              <Tabs.Tab value="activity">Activity</Tabs.Tab>
              <Tabs.Tab value="raw">Raw record</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="settings" pt="xs">
              <Stack gap={4}>
                <Text size="sm">IP addresses: {shown.ips.join(', ') || 'none listed'}</Text>
                <Settings trunk={shown} carrier={carrier} />
              </Stack>
            </Tabs.Panel>
            {hasTraffic && (
              <Tabs.Panel value="traffic" pt="xs">
                <TrafficReportPanel
                  query={{ accountId: shown.accountId, scope: 'trunk', subjects: [shown.id] }}
                  label={`Traffic of ${shown.name}`}
                  labelOf={() => shown.name}
                  refreshOnOpen
                />
              </Tabs.Panel>
            )}
            <Tabs.Panel value="activity" pt="xs">
              {detail === undefined ? (
                <Loader size="sm" aria-label="Loading activity" />
              ) : (
                <RecentActivity entries={detail.activity} now={now} empty="No activity recorded for this trunk." />
              )}
            </Tabs.Panel>
            <Tabs.Panel value="raw" pt="xs">
              <Code block aria-label="Carrier's raw record" style={{ maxHeight: 360, overflow: 'auto' }}>
                {JSON.stringify(shown.raw, null, 2)}
              </Code>
            </Tabs.Panel>
          </Tabs>
          <DisableConfirmation
            trunk={shown}
            opened={disabling}
            onClose={() => setDisabling(false)}
            onDone={(outcome) => {
              setDisabling(false)
              onChanged(outcome)
            }}
          />
        </Stack>
      )}
    </Drawer>
  )
}
