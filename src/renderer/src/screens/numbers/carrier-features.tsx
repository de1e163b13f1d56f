/**
 * The number detail's sections read from the carrier on demand (VoIP Innovations' WSDL): what the number
 * has at the carrier now (forwarding, failover, fax to e-mail, group, conference line), the conference
 * line itself, and its E911 locations, provisioning history and 911 alerts. Each mutation asks for an
 * explicit confirmation that names what will be sent, is sent once, and says how it ended.
 *
 * The conference PIN is a secret: it is typed into a password field, sent with the one call that sets it,
 * and shown only after "Reveal PIN" — hidden again after 30 seconds or when the panel closes.
 */
import { Alert, Badge, Button, Group, PasswordInput, Popover, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useCallback, useEffect, useState, type ReactNode } from 'react'
import type { E911Address, PhoneNumberRecord } from '../../../../shared/domain'
import { E911AddressSchema, type E911AlertsView, type E911LocationsView, type NumberDetail, type NumberFeaturesView } from '../../../../shared/ipc-shared'
import { call, toErrorShape } from '../../bridge'
import { formatAge, formatPhoneNumber, formatTimestamp } from '../../format'
import { notifyError, notifySuccess } from '../../notify'
import { useOffline } from '../../stores/connectivity'
import { useNow } from '../../use-now'
import { AddressFields } from './change-forms'
import { FieldTable } from './field-table'

const revealMs = 30_000

/** A button that sends only after a second, explicit click on what it names. */
function ConfirmButton({ label, summary, onConfirm, color, disabled }: { label: string; summary: string; onConfirm: () => Promise<void>; color?: string; disabled?: boolean }) {
  const [open, setOpen] = useState(false)
  const [sending, setSending] = useState(false)
  const offline = useOffline()
  return (
    <Popover opened={open} onChange={setOpen} withArrow trapFocus position="bottom-end">
      <Popover.Target>
        <Button size="xs" variant="light" color={color} disabled={disabled || offline} onClick={() => setOpen((value) => !value)}>
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" maw={320}>
          <Text size="sm" role="status">
            {summary}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              size="xs"
              color={color}
              loading={sending}
              onClick={() => {
                setSending(true)
                void onConfirm().finally(() => {
                  setSending(false)
                  setOpen(false)
                })
              }}
            >
              Send
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}

/** Reads something from the carrier now, with its "as of", a retry and the error if it failed. */
function useCarrierRead<T>(read: () => Promise<T>, deps: unknown[]): { value: T | undefined; error: string | undefined; loading: boolean; reload: () => void } {
  const [value, setValue] = useState<T>()
  const [error, setError] = useState<string>()
  const [loading, setLoading] = useState(false)
  const [tick, setTick] = useState(0)
  const stable = useCallback(read, deps)
  useEffect(() => {
    let live = true
    setLoading(true)
    setError(undefined)
    stable()
      .then((answer) => live && setValue(answer))
      .catch((failure: unknown) => live && setError(`${toErrorShape(failure).code}: ${toErrorShape(failure).message}`))
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [stable, tick])
  return { value, error, loading, reload: () => setTick((n) => n + 1) }
}

function Section({ title, asOf, loading, onReload, children }: { title: string; asOf?: number | undefined; loading: boolean; onReload: () => void; children: ReactNode }) {
  const now = useNow()
  return (
    <Stack gap={6} aria-label={title} role="region">
      <Group justify="space-between">
        <Title order={4} size="h6">
          {title}
        </Title>
        <Group gap="xs">
          {asOf !== undefined && (
            <Text size="xs" c="dimmed" title={formatTimestamp(asOf)}>
              read {formatAge(asOf, now)}
            </Text>
          )}
          <Button size="compact-xs" variant="subtle" loading={loading} onClick={onReload}>
            Read again
          </Button>
        </Group>
      </Group>
      {children}
    </Stack>
  )
}

const ErrorLine = ({ error }: { error: string | undefined }) =>
  error ? (
    <Text size="sm" c="red" role="alert">
      {error}
    </Text>
  ) : null

function AtTheCarrier({ number, features, error, loading, reload }: { number: PhoneNumberRecord; features: NumberFeaturesView | undefined; error: string | undefined; loading: boolean; reload: () => void }) {
  const rows: [string, string][] = features
    ? [
        ['Forwarded to', features.forward ? formatPhoneNumber(features.forward) : 'not forwarded'],
        ['Failover', features.failover ? formatPhoneNumber(features.failover) : 'none'],
        ['Fax to e-mail', features.faxEmail ?? 'off'],
        ['Number group', features.group ? features.group.name : 'none'],
        ['Conference line', features.conferenceLine?.enabled ? 'yes' : 'no'],
      ]
    : []
  return (
    <Section title="At the carrier" asOf={features?.asOf} loading={loading} onReload={reload}>
      <ErrorLine error={error} />
      {features && (
        <FieldTable label="Number features at the carrier" rows={rows} />
      )}
      {features && (features.failover ?? '') !== (number.failover ?? '') && (
        <Text size="xs" c="orange">
          The cache shows another failover; the next sync brings it in.
        </Text>
      )}
    </Section>
  )
}

function ConferenceLine({ number, enabled, onChanged }: { number: PhoneNumberRecord; enabled: boolean | undefined; onChanged: () => void }) {
  const key = { accountId: number.accountId, e164: number.e164 }
  const [pin, setPin] = useState('')
  const [shown, setShown] = useState<string>()
  useEffect(() => {
    if (shown === undefined) return
    const timer = setTimeout(() => setShown(undefined), revealMs)
    return () => clearTimeout(timer)
  }, [shown])
  const validPin = /^\d{4,8}$/.test(pin)
  const set = async (): Promise<void> => {
    try {
      const result = await call('features.setConference', { ...key, pin, confirmed: true })
      setPin('')
      notifySuccess('Conference line set', `${formatPhoneNumber(number.e164)}${result.checkedAfterFailure ? ' (confirmed after an unclear answer)' : ''}`)
      onChanged()
    } catch (error) {
      notifyError('Could not set the conference line', error)
    }
  }
  const remove = async (): Promise<void> => {
    try {
      await call('features.removeConference', { ...key, confirmed: true })
      setShown(undefined)
      notifySuccess('Conference line removed', formatPhoneNumber(number.e164))
      onChanged()
    } catch (error) {
      notifyError('Could not remove the conference line', error)
    }
  }
  const reveal = async (): Promise<void> => {
    try {
      const line = await call('features.revealConferencePin', key)
      setShown(line.pin ?? '(no PIN)')
    } catch (error) {
      notifyError('Could not read the PIN', error)
    }
  }
  return (
    <Stack gap={6} role="region" aria-label="Conference line">
      <Title order={4} size="h6">
        Conference line
      </Title>
      {enabled && (
        <Group gap="xs">
          <Text size="sm">
            PIN:{' '}
            <Text span ff="monospace" data-testid="conference-pin">
              {shown ?? '••••••'}
            </Text>
          </Text>
          {shown === undefined ? (
            <Button size="compact-xs" variant="subtle" onClick={() => void reveal()}>
              Reveal PIN
            </Button>
          ) : (
            <Button size="compact-xs" variant="subtle" onClick={() => setShown(undefined)}>
              Hide
            </Button>
          )}
          <ConfirmButton label="Remove conference line" color="red" summary={`Stop ${formatPhoneNumber(number.e164)} being a conference line?`} onConfirm={remove} />
        </Group>
      )}
      <Group gap="xs" align="flex-end">
        <PasswordInput
          size="xs"
          w={170}
          label={enabled ? 'New PIN' : 'PIN'}
          description="4 to 8 digits"
          value={pin}
          onChange={(event) => setPin(event.currentTarget.value.trim())}
          autoComplete="off"
        />
        <ConfirmButton
          label={enabled ? 'Change PIN' : 'Make conference line'}
          disabled={!validPin}
          summary={`${enabled ? 'Change the PIN of' : 'Make'} ${formatPhoneNumber(number.e164)}${enabled ? '' : ' a conference line'} (PIN as typed)?`}
          onConfirm={set}
        />
      </Group>
    </Stack>
  )
}

const emptyAddress: E911Address = { callerName: '', street: '', unit: '', city: '', state: '', zip: '' }

function Locations({ number, onChanged }: { number: PhoneNumberRecord; onChanged: () => void }) {
  const key = { accountId: number.accountId, e164: number.e164 }
  const { value, error, loading, reload } = useCarrierRead<E911LocationsView>(() => call('e911.locations', key), [number.accountId, number.e164])
  const history = useCarrierRead<E911LocationsView>(() => call('e911.history', key), [number.accountId, number.e164])
  const [address, setAddress] = useState<E911Address>(emptyAddress)
  const [formError, setFormError] = useState<string>()
  const parsed = E911AddressSchema.safeParse(address.unit?.trim() ? address : { ...address, unit: undefined })
  const act = async (run: () => Promise<unknown>, done: string): Promise<void> => {
    try {
      await run()
      notifySuccess(done, formatPhoneNumber(number.e164))
      reload()
      history.reload()
      onChanged()
    } catch (failure) {
      notifyError(`Not done: ${done.toLowerCase()}`, failure)
      reload()
    }
  }
  return (
    <Section title="E911 locations" asOf={value?.asOf} loading={loading} onReload={reload}>
      <ErrorLine error={error} />
      {value && value.locations.length === 0 && (
        <Text size="sm" c="dimmed">
          No E911 locations.
        </Text>
      )}
      {value && value.locations.length > 0 && (
        <Table aria-label="E911 locations" fz="xs" verticalSpacing={2}>
          <Table.Tbody>
            {value.locations.map((location) => (
              <Table.Tr key={location.id}>
                <Table.Td>
                  {location.address}
                  {location.callerName ? ` (${location.callerName})` : ''}
                </Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="light" color={location.provisioned ? 'teal' : 'gray'}>
                    {location.status || 'unknown'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {!location.provisioned && (
                    <Group gap={4} wrap="nowrap">
                      <ConfirmButton
                        label="Provision"
                        summary={`Route 911 calls from ${formatPhoneNumber(number.e164)} with ${location.address}?`}
                        onConfirm={() => act(() => call('e911.provisionLocation', { ...key, locationId: location.id, confirmed: true }), 'Location provisioned')}
                      />
                      <ConfirmButton
                        label="Remove"
                        color="red"
                        summary={`Remove the location ${location.address}?`}
                        onConfirm={() => act(() => call('e911.removeLocation', { ...key, locationId: location.id, confirmed: true }), 'Location removed')}
                      />
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <div role="group" aria-label="New E911 location">
        <AddressFields address={address} onChange={setAddress} />
      </div>
      <Group justify="flex-end">
        {formError && (
          <Text size="xs" c="red" role="alert">
            {formError}
          </Text>
        )}
        <ConfirmButton
          label="Add location"
          disabled={!address.street.trim()}
          summary={parsed.success ? `Add ${address.street}, ${address.city}, ${address.state} ${address.zip} as a location of ${formatPhoneNumber(number.e164)} (not provisioned yet)?` : 'Check the address first'}
          onConfirm={async () => {
            if (!parsed.success) {
              setFormError(parsed.error.issues[0]?.message ?? 'Check the address')
              return
            }
            setFormError(undefined)
            await act(() => call('e911.addLocation', { ...key, address: parsed.data, confirmed: true }), 'Location added')
            setAddress(emptyAddress)
          }}
        />
      </Group>
      <Text size="xs" fw={600} c="dimmed">
        Provisioning history
      </Text>
      <ErrorLine error={history.error} />
      {history.value && history.value.locations.length === 0 && (
        <Text size="xs" c="dimmed">
          Never provisioned.
        </Text>
      )}
      {history.value && history.value.locations.length > 0 && (
        <Table aria-label="E911 provisioning history" fz="xs" verticalSpacing={1}>
          <Table.Tbody>
            {history.value.locations.map((entry, index) => (
              <Table.Tr key={`${entry.id}-${index}`}>
                <Table.Td className="cd-nowrap">{entry.activatedAt ?? entry.updatedAt ?? ''}</Table.Td>
                <Table.Td>{entry.address}</Table.Td>
                <Table.Td>{entry.status}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  )
}

function Alerts({ number }: { number: PhoneNumberRecord }) {
  const key = { accountId: number.accountId, e164: number.e164 }
  const { value, error, loading, reload } = useCarrierRead<E911AlertsView>(() => call('e911.alerts', key), [number.accountId, number.e164])
  const [shown, setShown] = useState<E911AlertsView>()
  const [email, setEmail] = useState('')
  useEffect(() => setShown(value), [value])
  const validEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())
  const update = async (run: () => Promise<E911AlertsView>, done: string): Promise<void> => {
    try {
      setShown(await run())
      notifySuccess(done, formatPhoneNumber(number.e164))
    } catch (failure) {
      notifyError(`Not done: ${done.toLowerCase()}`, failure)
      reload()
    }
  }
  return (
    <Section title="911 alerts" asOf={shown?.asOf} loading={loading} onReload={reload}>
      <ErrorLine error={error} />
      {shown && !shown.enabled && (
        <Text size="sm" c="dimmed">
          {shown.message ?? 'This number has no 911 service: set an E911 address first.'}
        </Text>
      )}
      {shown?.enabled && (
        <>
          <Text size="xs" c="dimmed">
            E-mailed when {formatPhoneNumber(number.e164)} dials 911.
          </Text>
          {shown.recipients.length === 0 ? (
            <Text size="sm" c="dimmed">
              No recipients.
            </Text>
          ) : (
            <Table aria-label="911 alert recipients" fz="sm" verticalSpacing={2}>
              <Table.Tbody>
                {shown.recipients.map((recipient) => (
                  <Table.Tr key={recipient}>
                    <Table.Td>{recipient}</Table.Td>
                    <Table.Td w={90}>
                      <ConfirmButton
                        label="Remove"
                        color="red"
                        summary={`Stop e-mailing ${recipient} when ${formatPhoneNumber(number.e164)} dials 911?`}
                        onConfirm={() => update(() => call('e911.removeAlert', { ...key, email: recipient, confirmed: true }), 'Recipient removed')}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group gap="xs" align="flex-end">
            <TextInput size="xs" w={240} label="Add recipient" type="email" placeholder="noc@example.com" value={email} onChange={(event) => setEmail(event.currentTarget.value)} />
            <ConfirmButton
              label="Add recipient"
              disabled={!validEmail || shown.recipients.length >= 5}
              summary={`E-mail ${email.trim()} when ${formatPhoneNumber(number.e164)} dials 911?`}
              onConfirm={async () => {
                await update(() => call('e911.addAlert', { ...key, email: email.trim(), confirmed: true }), 'Recipient added')
                setEmail('')
              }}
            />
          </Group>
          {shown.recipients.length >= 5 && (
            <Text size="xs" c="dimmed">
              Five recipients is the carrier’s limit.
            </Text>
          )}
        </>
      )}
    </Section>
  )
}

/** The carrier-read sections of the number detail, for carriers that offer them. */
export function CarrierFeatures({ detail, onChanged }: { detail: NumberDetail; onChanged: () => void }) {
  const number = detail.number
  const has = (capability: string): boolean => (detail.capabilities as string[]).includes(capability)
  const key = { accountId: number.accountId, e164: number.e164 }
  const withFeatures = has('numbers.features') && number.type !== 'international' && number.goneAt === undefined && number.status !== 'released'
  // Read again whenever the cached number changes (a change made from the Actions above, a sync).
  const cachedVersion = [number.asOf, number.trunk, number.failover, number.group, number.e911].join('|')
  const features = useCarrierRead<NumberFeaturesView | undefined>(
    () => (withFeatures ? call('features.get', key) : Promise.resolve(undefined)),
    [number.accountId, number.e164, withFeatures, cachedVersion],
  )
  if (!withFeatures) return null
  const changed = (): void => {
    features.reload()
    onChanged()
  }
  return (
    <Stack gap="md">
      <AtTheCarrier number={number} features={features.value} error={features.error} loading={features.loading} reload={features.reload} />
      {has('numbers.conference') && <ConferenceLine number={number} enabled={features.value?.conferenceLine?.enabled} onChanged={changed} />}
      {has('e911.locations') && <Locations number={number} onChanged={onChanged} />}
      {has('e911.alerts') && <Alerts number={number} />}
      {features.error === undefined && features.value === undefined && !features.loading && (
        <Alert color="gray" variant="light">
          Nothing read from the carrier yet.
        </Alert>
      )}
    </Stack>
  )
}
