/**
 * One port order's detail panel: its numbers each with their own state and FOC date, the rejection (the
 * carrier's words and the fields it names), the account data sent (the PIN only as given or not), documents,
 * forwarding, the other sub orders and the order's history; and every action its carrier offers on it as it
 * stands (edit and resubmit, cancel, delete, activate — the order or one number —, documents, forwarding, a
 * number's activation, the carrier's CSV export, no longer tracking a port tracked by id), each confirmed.
 */
import { Alert, Badge, Button, Drawer, FileInput, Group, Loader, PasswordInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useCallback, useEffect, useState } from 'react'
import type { Capability, CarrierInfo, PortOrder } from '../../../../shared/domain'
import type { PortDetailField, PortFormSpec, PortLine, PortOrderDetail } from '../../../../shared/ports'
import { call, toErrorShape } from '../../bridge'
import { formatPhoneNumber, formatTimestamp } from '../../format'
import { notifyError, notifySuccess } from '../../notify'
import { accountName, useAccountsStore } from '../../stores/accounts'
import { useCarriersStore } from '../../stores/carriers'
import { ActivationCell, ActivationForm, type ActivationChange } from './activation-form'
import { CarrierExportButton, SavedExportNote, type SavedExport } from './carrier-export-button'
import { ForwardingForm, type ForwardingChange } from './forwarding-form'
import { bodyOf, readPortDocument } from './port-files'
import { confirmPortChange } from './port-confirm'
import { PortFormButtons } from './port-form-buttons'
import { PortStatusBadge } from './port-status'
import { UntrackPortButton } from './untrack-port-button'

export interface PortRef {
  accountId: string
  orderId: string
}

function FieldList({ fields }: { fields: PortDetailField[] }) {
  if (fields.length === 0) return <Text size="sm" c="dimmed">None given</Text>
  return (
    <SimpleGrid cols={2} spacing={4} verticalSpacing={2}>
      {fields.map((field) => (
        <div key={field.key}>
          <Text size="xs" c="dimmed">
            {field.label}
          </Text>
          <Text size="sm">{field.masked ? (field.value === undefined ? 'Not shown (kept by the carrier)' : 'Given') : (field.value ?? '—')}</Text>
        </div>
      ))}
    </SimpleGrid>
  )
}

/** The edit-and-resubmit form: the order's values, the rejection's reason beside the fields it names. */
function EditForm({ detail, form, onSend, onClose }: { detail: PortOrderDetail; form: PortFormSpec; onSend: (changes: Record<string, string>) => Promise<void>; onClose: () => void }) {
  const fields = form.fields.filter((field) => !field.submitOnly)
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((field) => [field.key, detail.values[field.key] ?? ''])))
  const [sending, setSending] = useState(false)
  const named = new Set(detail.rejection?.fields ?? [])
  const changed = Object.fromEntries(Object.entries(values).filter(([key, value]) => value.trim() !== (detail.values[key] ?? '').trim() && value.trim() !== ''))
  return (
    <Stack gap="xs" aria-label="Edit the order">
      <Title order={5}>Edit and resubmit</Title>
      <SimpleGrid cols={2} spacing="xs">
        {fields.map((field) => {
          const error = named.has(field.key) ? (detail.rejection?.reason ?? 'Named by the rejection') : undefined
          const common = { key: field.key, label: field.label, size: 'xs' as const, error, description: field.help, value: values[field.key] ?? '' }
          if (field.kind === 'select') {
            return <Select {...common} data={[...(field.options ?? [])]} onChange={(value) => setValues((all) => ({ ...all, [field.key]: value ?? '' }))} />
          }
          if (field.kind === 'secret') {
            // Mantine's PasswordInput marks its input invalid for the eye only (data-invalid): a PIN named by
            // the rejection must say so to assistive technology too, as the other fields do.
            return (
              <PasswordInput
                {...common}
                aria-invalid={error ? true : undefined}
                placeholder="Unchanged unless typed"
                onChange={(event) => setValues((all) => ({ ...all, [field.key]: event.currentTarget.value }))}
              />
            )
          }
          return <TextInput {...common} onChange={(event) => setValues((all) => ({ ...all, [field.key]: event.currentTarget.value }))} />
        })}
      </SimpleGrid>
      <PortFormButtons
        review="Review and resubmit"
        disabled={Object.keys(changed).length === 0}
        sending={sending}
        onClose={onClose}
        onReview={() => {
          setSending(true)
          void onSend(changed).finally(() => setSending(false))
        }}
      />
    </Stack>
  )
}

function LineActions({ line, can, act }: { line: PortLine; can: (capability: Capability) => boolean; act: (action: 'cancel' | 'activate' | 'delete' | 'activation', number: string) => void }) {
  const allowed = line.allowed ?? []
  return (
    <Group gap={4} wrap="nowrap">
      {can('ports.cancel') && allowed.includes('cancel') && (
        <Button size="compact-xs" variant="default" color="red" onClick={() => act('cancel', line.e164)} aria-label={`Cancel ${line.e164}`}>
          Cancel
        </Button>
      )}
      {can('ports.activate') && allowed.includes('activate') && (
        <Button size="compact-xs" variant="default" onClick={() => act('activate', line.e164)} aria-label={`Activate ${line.e164}`}>
          Activate
        </Button>
      )}
      {can('ports.delete') && allowed.includes('delete') && (
        <Button size="compact-xs" variant="default" onClick={() => act('delete', line.e164)} aria-label={`Delete ${line.e164}`}>
          Delete
        </Button>
      )}
      {can('ports.forwarding') && allowed.includes('activation') && (
        <Button size="compact-xs" variant="default" onClick={() => act('activation', line.e164)} aria-label={`Change the activation of ${line.e164}`}>
          Activation…
        </Button>
      )}
    </Group>
  )
}

export function PortDetailDrawer({ target, onClose, onOpen, onChanged }: { target: PortRef | undefined; onClose: () => void; onOpen: (ref: PortRef) => void; onChanged: () => void }) {
  const carriers = useCarriersStore((state) => state.carriers)
  const accounts = useAccountsStore((state) => state.accounts)
  const [detail, setDetail] = useState<PortOrderDetail | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [editing, setEditing] = useState(false)
  const [forwarding, setForwarding] = useState(false)
  const [activationFor, setActivationFor] = useState<string | undefined>()
  const [exported, setExported] = useState<SavedExport | undefined>()
  const [documentKind, setDocumentKind] = useState<string | null>(null)

  const load = useCallback(async (ref: PortRef) => {
    setError(undefined)
    try {
      setDetail(await call('ports.detail', ref))
    } catch (failure) {
      const shape = toErrorShape(failure)
      setError(`${shape.code}: ${shape.message}`)
    }
  }, [])
  useEffect(() => {
    setDetail(undefined)
    setEditing(false)
    setForwarding(false)
    setActivationFor(undefined)
    setExported(undefined)
    if (target) void load(target)
  }, [target, load])

  const carrier: CarrierInfo | undefined = carriers.find((each) => each.id === detail?.order.carrier)
  const can = (capability: Capability): boolean => carrier?.capabilities.includes(capability) ?? false
  const order: PortOrder | undefined = detail?.order
  const allowed = order?.allowed ?? []
  const form = carrier?.portForm

  /** Sends a confirmed change, tells its outcome and reads the order again; true when the carrier took it. */
  const run = async (title: string, send: () => Promise<{ message: string; checkedAfterFailure: boolean }>): Promise<boolean> => {
    if (!target) return false
    try {
      const outcome = await send()
      notifySuccess(title, outcome.checkedAfterFailure ? `${outcome.message} (confirmed by reading the order back)` : outcome.message)
      onChanged()
      await load(target)
      return true
    } catch (failure) {
      notifyError(`${title}: not done`, failure)
      await load(target)
      return false
    }
  }

  const orderAction = async (action: 'cancel' | 'delete' | 'activate', number?: string): Promise<void> => {
    if (!target || !order) return
    const verb = { cancel: 'Cancel', delete: 'Delete', activate: 'Activate' }[action]
    const what = number ? `${formatPhoneNumber(number)} of port order ${order.id}` : `port order ${order.id} (${order.numbers.length} numbers)`
    if (!(await confirmPortChange(`${verb} ${number ? 'a number' : 'the order'}`, [`${verb} ${what} at ${accountName(accounts, order.accountId)}?`], verb, action !== 'activate'))) return
    const input = { ...target, number, confirmed: true as const }
    await run(`${verb} ${number ?? order.id}`, () => call(action === 'cancel' ? 'ports.cancel' : action === 'delete' ? 'ports.delete' : 'ports.activate', input))
  }

  const updateForwarding = async (change: ForwardingChange): Promise<boolean> => {
    if (!target || !order) return false
    const request = order.group ?? order.id
    const lines = change.preconfigured
      ? [`Mark the forwarding of port request ${request} as preconfigured at the carrier?`]
      : [`Forward calls to the numbers of port request ${request}, in turn, to:`, ...(change.entries ?? []).map((entry) => `${entry.sequence}. ${entry.method} ${entry.value} (${entry.timeoutSeconds} s, type ${entry.forwardingTypeId})`)]
    if (order.group) lines.push(`Every sub order of ${order.group} takes this forwarding.`)
    if (!(await confirmPortChange('Update forwarding', lines, 'Update forwarding'))) return false
    return run(`Forwarding of ${request} updated`, () => call('ports.updateForwarding', { ...target, ...change, confirmed: true }))
  }

  const updateActivation = async (number: string, change: ActivationChange): Promise<boolean> => {
    if (!target) return false
    const lines = [`Set the activation of ${formatPhoneNumber(number)} (port order ${target.orderId}) to ${change.activationType}, ${change.activationDate}?`]
    if (!(await confirmPortChange('Change the activation', lines, 'Change activation'))) return false
    return run(`Activation of ${formatPhoneNumber(number)} changed`, () => call('ports.updateActivation', { ...target, number, ...change, confirmed: true }))
  }

  const resubmit = async (values: Record<string, string>): Promise<void> => {
    if (!target) return
    const changes = bodyOf(values)
    let preview
    try {
      preview = await call('ports.previewChanges', { ...target, changes })
    } catch (failure) {
      notifyError('The changes cannot be sent', failure)
      return
    }
    const lines = [`Resubmit port order ${target.orderId} with:`, ...preview.summary.map((field) => `${field.label}: ${field.masked ? '(given, not shown)' : (field.value ?? '')}`)]
    if (!(await confirmPortChange('Edit and resubmit', lines, 'Resubmit'))) return
    await run(`Resubmitted ${target.orderId}`, () => call('ports.update', { ...target, changes, confirmed: true }))
    setEditing(false)
  }

  const attach = async (file: File | null): Promise<void> => {
    if (!file || !target || !form) return
    const kind = documentKind ?? form.documents[0]?.kind ?? 'loa'
    const { document, problem } = await readPortDocument(file, kind, form)
    if (!document) {
      notifyError('Document not attached', new Error(problem))
      return
    }
    if (!(await confirmPortChange('Attach a document', [`Attach ${file.name} as ${kind} to port order ${target.orderId}?`], 'Attach'))) return
    await run(`Attached ${file.name}`, () => call('ports.addDocument', { ...target, document, confirmed: true }))
  }

  const removeDocument = async (kind: string, label: string): Promise<void> => {
    if (!target) return
    if (!(await confirmPortChange('Remove a document', [`Remove the ${label} from port order ${target.orderId}?`], 'Remove', true))) return
    await run(`Removed the ${label}`, () => call('ports.removeDocument', { ...target, kind, confirmed: true }))
  }

  const lines: PortLine[] = order?.lines ?? order?.numbers.map((e164) => ({ e164, status: order.status })) ?? []
  const activationLine = lines.find((line) => line.e164 === activationFor)
  const exportTargets = !order || !can('ports.export')
    ? []
    : order.group && order.group !== order.id
      ? [
          { key: 'numbers', label: `This sub order's numbers (${order.id})`, accountId: order.accountId, orderId: order.id },
          { key: 'sub-orders', label: `Every sub order of ${order.group}`, accountId: order.accountId, orderId: order.group },
        ]
      : [{ key: 'order', label: `Order ${order.id}`, accountId: order.accountId, orderId: order.id }]
  return (
    <Drawer opened={target !== undefined} onClose={onClose} position="right" size="xl" title={target ? `Port order ${target.orderId}` : ''} aria-label="Port order detail">
      {error && <Alert color="red" title="Could not read the order">{error}</Alert>}
      {!detail && !error && <Loader aria-label="Loading the order" />}
      {detail && order && (
        <Stack gap="sm" data-testid="port-detail">
          <Group gap="xs">
            <PortStatusBadge status={order.status} />
            {order.focDate && <Badge variant="outline" color="cyan">FOC {order.focDate}</Badge>}
            <Text size="sm">{carrier?.name ?? order.carrier} · {accountName(accounts, order.accountId)}</Text>
            <Text size="xs" c="dimmed" data-testid="port-detail-as-of">
              As of {formatTimestamp(detail.asOf)}{detail.fromCache ? ' (from the cache)' : ''}
            </Text>
          </Group>
          {detail.message && <Alert color={detail.fromCache ? 'yellow' : 'blue'}>{detail.message}</Alert>}
          {detail.rejection && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Rejected" data-testid="port-detail-rejection">
              <Text size="sm">{detail.rejection.reason}</Text>
              {detail.rejection.fields.length > 0 && (
                <Text size="xs">Fields named: {detail.rejection.fields.map((key) => form?.fields.find((field) => field.key === key)?.label ?? key).join(', ')}</Text>
              )}
              {detail.rejection.details.length > 0 && <FieldList fields={detail.rejection.details} />}
            </Alert>
          )}
          <Group gap="xs">
            {can('ports.edit') && (allowed.includes('edit') || allowed.includes('resubmit')) && form && (
              <Button size="xs" onClick={() => setEditing(true)}>
                Edit and resubmit
              </Button>
            )}
            {can('ports.activate') && allowed.includes('activate') && (
              <Button size="xs" variant="default" onClick={() => void orderAction('activate')}>
                Activate order
              </Button>
            )}
            {can('ports.cancel') && allowed.includes('cancel') && (
              <Button size="xs" variant="default" color="red" onClick={() => void orderAction('cancel')}>
                Cancel order
              </Button>
            )}
            {can('ports.delete') && allowed.includes('delete') && (
              <Button size="xs" variant="default" color="red" onClick={() => void orderAction('delete')}>
                Delete draft
              </Button>
            )}
            {can('ports.forwarding') && allowed.includes('forwarding') && (
              <Button size="xs" variant="default" onClick={() => setForwarding(true)}>
                Update forwarding
              </Button>
            )}
            {can('ports.track') && (
              <UntrackPortButton
                accountId={order.accountId}
                portId={order.id}
                accountName={accountName(accounts, order.accountId)}
                onUntracked={() => {
                  onChanged()
                  onClose()
                }}
              />
            )}
            <CarrierExportButton targets={exportTargets} label="Carrier CSV" onSaved={setExported} />
          </Group>
          <SavedExportNote saved={exported} />
          {editing && form && <EditForm detail={detail} form={form} onSend={resubmit} onClose={() => setEditing(false)} />}
          {forwarding && <ForwardingForm detail={detail} onSend={updateForwarding} onClose={() => setForwarding(false)} />}

          <Title order={5}>Numbers</Title>
          <Table aria-label="Port order numbers" fz="sm" verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Number</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>FOC</Table.Th>
                <Table.Th>Activation</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((line) => (
                <Table.Tr key={line.e164} aria-label={`Number ${line.e164}`} data-status={line.status}>
                  <Table.Td className="cd-mono cd-nowrap">{formatPhoneNumber(line.e164)}</Table.Td>
                  <Table.Td miw={100}>
                    <PortStatusBadge status={line.status} />
                  </Table.Td>
                  <Table.Td className="cd-nowrap">{line.focDate ?? '—'}</Table.Td>
                  <Table.Td>
                    <ActivationCell line={line} />
                  </Table.Td>
                  <Table.Td>
                    <LineActions line={line} can={can} act={(action, number) => (action === 'activation' ? setActivationFor(number) : void orderAction(action, number))} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {activationLine && target && (
            <ActivationForm
              key={activationLine.e164}
              orderRef={target}
              line={activationLine}
              dateHelp={form?.fields.find((field) => field.key.endsWith('activation_date'))?.help}
              onSend={(change) => updateActivation(activationLine.e164, change)}
              onClose={() => setActivationFor(undefined)}
            />
          )}

          <Title order={5}>Account data sent</Title>
          <FieldList fields={detail.accountData} />

          <Title order={5}>Documents</Title>
          <Stack gap={4}>
            {detail.documents.map((document) => (
              <Group key={document.kind} gap="xs" aria-label={`Document ${document.label}`}>
                <Text size="sm" w={260}>{document.label}</Text>
                <Text size="sm" c={document.attached ? undefined : 'dimmed'}>{document.attached ? (document.file ?? 'Attached') : 'Not attached'}</Text>
                {document.attached && can('ports.documents') && allowed.includes('documents') && (
                  <Button size="compact-xs" variant="default" color="red" onClick={() => void removeDocument(document.kind, document.label)}>
                    Remove
                  </Button>
                )}
              </Group>
            ))}
            {can('ports.documents') && allowed.includes('documents') && form && (
              <Group gap="xs" align="flex-end">
                <Select size="xs" label="Kind" w={260} data={form.documents.map((kind) => ({ value: kind.kind, label: kind.label }))} value={documentKind ?? form.documents[0]?.kind ?? null} onChange={setDocumentKind} />
                <FileInput size="xs" label="Attach a document" placeholder={`${form.documentTypes.join(', ').toUpperCase()}, at most ${form.maxDocumentBytes / 1_048_576} MB`} accept=".pdf,.png,.jpg,.jpeg" w={280} onChange={(file) => void attach(file)} value={null} />
              </Group>
            )}
          </Stack>

          {detail.forwarding && (
            <>
              <Title order={5}>Forwarding</Title>
              <FieldList fields={detail.forwarding.fields} />
              {detail.forwarding.entries.map((entry) => (
                <Text key={entry.sequence} size="sm">
                  {entry.sequence}. {entry.method} {entry.value} ({entry.timeoutSeconds} s)
                </Text>
              ))}
            </>
          )}

          {detail.siblings.length > 0 && (
            <>
              <Title order={5}>Other sub orders of {order.group}</Title>
              <Group gap="xs">
                {detail.siblings.map((sibling) => (
                  <Button key={sibling.id} size="compact-xs" variant="light" onClick={() => onOpen({ accountId: sibling.accountId, orderId: sibling.id })}>
                    {sibling.id} · {sibling.status}
                  </Button>
                ))}
              </Group>
            </>
          )}

          <Title order={5}>History</Title>
          {detail.history.length === 0 ? (
            <Text size="sm" c="dimmed">Nothing done to this order from CarrierDesk yet.</Text>
          ) : (
            <Stack gap={2} aria-label="Order history">
              {detail.history.map((entry) => (
                <Text key={entry.id} size="xs">
                  {formatTimestamp(entry.at)} · {entry.action} · {entry.result} · {entry.message}
                </Text>
              ))}
            </Stack>
          )}
        </Stack>
      )}
    </Drawer>
  )
}
