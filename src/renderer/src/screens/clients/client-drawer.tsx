/**
 * One Nexogy client: its state (with a fresh read), activate / suspend / cancel and the start billing date
 * (each confirmed, sent once), and its devices: list, another extension, a device's SIP key on reveal.
 */
import { Badge, Button, Divider, Drawer, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { modals } from '@mantine/modals'
import { IconRefresh } from '@tabler/icons-react'
import { useState } from 'react'
import type { ClientListRow, ClientStatusAction } from '../../../../shared/clients'
import { call } from '../../bridge'
import { formatAge, formatPhoneNumber, formatTimestamp } from '../../format'
import { notifyError, notifySuccess } from '../../notify'
import { useOffline } from '../../stores/connectivity'
import { useNow } from '../../use-now'
import { clientStatusColors } from './client-status'
import { SipKey } from './sip-key'

const actionWords: Record<ClientStatusAction, { label: string; what: string; color: string }> = {
  activate: { label: 'Activate', what: 'activate (also re-activates a cancelled client)', color: 'teal' },
  suspend: { label: 'Suspend', what: 'suspend (locks the domain; billing goes on)', color: 'orange' },
  cancel: { label: 'Cancel client', what: 'cancel (locks the domain and stops billing)', color: 'red' },
}

function confirmThen(title: string, body: string, confirm: string, color: string, run: () => Promise<void>): void {
  modals.openConfirmModal({
    title,
    centered: true,
    children: (
      <Text size="sm" data-testid="client-confirmation">
        {body}
      </Text>
    ),
    labels: { confirm, cancel: 'Back' },
    confirmProps: { color },
    onConfirm: () => void run(),
  })
}

export function ClientDrawer({ client, onClose, onChanged }: { client: ClientListRow; onClose: () => void; onChanged: () => void }) {
  const offline = useOffline()
  const now = useNow(15_000)
  const [busy, setBusy] = useState<string | undefined>()
  const [date, setDate] = useState(client.startBillingDate ?? '')
  const [extension, setExtension] = useState('')
  const id = client.id
  const label = `${formatPhoneNumber(client.e164)}${client.name ? ` (${client.name})` : ''}`

  const run = async (what: string, work: () => Promise<unknown>, success: string): Promise<void> => {
    setBusy(what)
    try {
      await work()
      notifySuccess(success, label)
    } catch (error) {
      notifyError(`${label}: ${what} failed`, error)
    } finally {
      setBusy(undefined)
      onChanged()
    }
  }

  const lifecycle = (action: ClientStatusAction): void => {
    if (id === undefined) return
    const words = actionWords[action]
    confirmThen(`${words.label} the client`, `${words.label} ${label} at Nexogy: ${words.what}? Sent once.`, words.label, words.color, () =>
      run(action, () => call('clients.setStatus', { accountId: client.accountId, clientId: id, action, confirmed: true }), `${words.label}: done`),
    )
  }

  return (
    <Drawer opened onClose={onClose} position="right" size="xl" title={`Client ${label}`}>
      <Stack gap="sm">
        <Group gap="xs">
          <Badge variant="light" color={clientStatusColors[client.status]} data-testid="client-status">
            {client.status}
          </Badge>
          <Text size="sm" c="dimmed">
            {client.domain ?? 'domain not known'} · id {id ?? 'not known'} · {client.accountName}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {client.statusCheckedAt ? `State read ${formatAge(client.statusCheckedAt, now)} (${formatTimestamp(client.statusCheckedAt)})` : 'State not read from Nexogy yet'}
        </Text>
        {id === undefined ? (
          <Text size="sm" c="orange">
            Nexogy never said this client&apos;s id (its creation answer was lost): adopt it with its id to manage it.
          </Text>
        ) : (
          <>
            <Group gap="xs">
              <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} loading={busy === 'refresh'} disabled={offline} onClick={() => void run('refresh', () => call('clients.refresh', { accountId: client.accountId, clientId: id }), 'State read from Nexogy')}>
                Read status
              </Button>
              {(['activate', 'suspend', 'cancel'] as const).map((action) => (
                <Button key={action} size="xs" variant="light" color={actionWords[action].color} loading={busy === action} disabled={offline} onClick={() => lifecycle(action)}>
                  {actionWords[action].label}
                </Button>
              ))}
            </Group>
            <Divider />
            <Group align="flex-end" gap="xs">
              <TextInput size="xs" label="Start billing date" placeholder="MM/DD/YYYY" value={date} onChange={(event) => setDate(event.currentTarget.value)} w={160} />
              <Button
                size="xs"
                variant="default"
                disabled={offline || !/^\d{2}\/\d{2}\/\d{4}$/.test(date.trim())}
                loading={busy === 'billing date'}
                onClick={() =>
                  confirmThen('Change the start billing date', `Start billing ${label} on ${date.trim()}?`, 'Change date', 'orange', () =>
                    run('billing date', () => call('clients.setBillingDate', { accountId: client.accountId, clientId: id, startBillingDate: date.trim(), confirmed: true }), 'Start billing date changed'),
                  )
                }
              >
                Apply
              </Button>
            </Group>
            <Divider />
            <Title order={4} size="h6">
              Devices
            </Title>
            {client.devices.length === 0 ? (
              <Text size="sm" c="dimmed">
                No device read yet. Every client has the default extension 1000: read it to see its registration and keep its SIP key.
              </Text>
            ) : (
              <Table fz="xs" aria-label="Devices" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Extension</Table.Th>
                    <Table.Th>AOR</Table.Th>
                    <Table.Th>Registration</Table.Th>
                    <Table.Th>SIP key</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {client.devices.map((device) => (
                    <Table.Tr key={device.extension} aria-label={`Device ${device.extension}`}>
                      <Table.Td className="cd-mono">{device.extension}</Table.Td>
                      <Table.Td className="cd-mono">{device.aor}</Table.Td>
                      <Table.Td className="cd-mono">{device.registrationServers.map((server) => `${server.address}:${server.port}`).join(', ')}</Table.Td>
                      <Table.Td miw={200}>
                        <SipKey accountId={client.accountId} clientId={id} extension={device.extension} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Group align="flex-end" gap="xs">
              <TextInput size="xs" label="Extension" placeholder="1000 (default)" value={extension} onChange={(event) => setExtension(event.currentTarget.value)} w={160} />
              <Button
                size="xs"
                variant="default"
                disabled={offline || (extension.trim() !== '' && !/^\d{3,7}$/.test(extension.trim()))}
                loading={busy === 'device'}
                onClick={() => {
                  const ext = extension.trim() || undefined
                  confirmThen('Create or read a device', `Create extension ${ext ?? '1000 (default; read if it exists)'} for ${label}? Its SIP key goes to the keychain only.`, 'Create', 'orange', () =>
                    run('device', () => call('clients.device', { accountId: client.accountId, clientId: id, ...(ext ? { extension: ext } : {}), confirmed: true }), `Extension ${ext ?? '1000'} ready`),
                  )
                }}
              >
                {extension.trim() ? 'Create extension' : 'Read default device'}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Drawer>
  )
}
