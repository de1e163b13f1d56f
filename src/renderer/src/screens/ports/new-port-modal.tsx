/**
 * A new port: numbers pasted in any format → a portability check at every account that ports, number by
 * number → the carrier account → the losing carrier's account data (the carrier's own form, checked before
 * sending) and documents → a confirmation listing every number and field (the PIN masked) → submit, once.
 */
import { Alert, Badge, Button, FileInput, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core'
import { useState } from 'react'
import type { PortDocumentInput, PortPreview } from '../../../../shared/ipc-shared'
import type { PortCheckResult, PortFormSpec } from '../../../../shared/ports'
import { call } from '../../bridge'
import { formatPhoneNumber } from '../../format'
import { notifyError, notifySuccess } from '../../notify'
import { useAccountsStore } from '../../stores/accounts'
import { useCarriersStore } from '../../stores/carriers'
import { bodyOf, readPortDocument } from './port-files'

type Step = 'numbers' | 'order' | 'confirm'

const groupLabels = { order: 'Order', account: 'Losing carrier account', address: 'Service address', activation: 'Activation' } as const

export function NewPortModal({ opened, onClose, onSubmitted }: { opened: boolean; onClose: () => void; onSubmitted: (orderId: string) => void }) {
  const carriers = useCarriersStore((state) => state.carriers)
  const accounts = useAccountsStore((state) => state.accounts)
  const [step, setStep] = useState<Step>('numbers')
  const [text, setText] = useState('')
  const [checking, setChecking] = useState(false)
  const [check, setCheck] = useState<PortCheckResult | undefined>()
  const [accountId, setAccountId] = useState<string | null>(null)
  const [values, setValues] = useState<Record<string, string>>({})
  const [documents, setDocuments] = useState<Record<string, PortDocumentInput>>({})
  const [problems, setProblems] = useState<string[]>([])
  const [preview, setPreview] = useState<PortPreview | undefined>()
  const [sending, setSending] = useState(false)

  const account = accounts.find((each) => each.id === accountId)
  const form: PortFormSpec | undefined = carriers.find((carrier) => carrier.id === account?.carrier)?.portForm
  const submitters = accounts.filter((each) => carriers.find((carrier) => carrier.id === each.carrier)?.capabilities.includes('ports.submit'))
  const portableAt = (id: string): string[] => check?.accounts.find((each) => each.accountId === id)?.results.filter((line) => line.portable).map((line) => line.e164) ?? []

  const reset = (): void => {
    setStep('numbers')
    setCheck(undefined)
    setPreview(undefined)
    setProblems([])
    setDocuments({})
  }
  const close = (): void => {
    reset()
    onClose()
  }

  const runCheck = async (): Promise<void> => {
    setChecking(true)
    try {
      setCheck(await call('ports.check', { numbers: [text] }))
    } catch (failure) {
      notifyError('Portability check failed', failure)
    } finally {
      setChecking(false)
    }
  }

  const chooseAccount = (id: string | null): void => {
    setAccountId(id)
    const chosen = accounts.find((each) => each.id === id)
    const spec = carriers.find((carrier) => carrier.id === chosen?.carrier)?.portForm
    setValues(Object.fromEntries((spec?.fields ?? []).map((field) => [field.key, field.default ?? ''])))
    setDocuments({})
  }

  const order = (): ReturnType<typeof bodyOf> => bodyOf(values, form ? { [form.numbersKey]: accountId ? portableAt(accountId) : [] } : {})

  const review = async (): Promise<void> => {
    if (!accountId || !form) return
    try {
      setPreview(await call('ports.preview', { accountId, order: order() }))
      setProblems([])
      setStep('confirm')
    } catch (failure) {
      setProblems([failure instanceof Error ? failure.message : String(failure)])
    }
  }

  const submit = async (): Promise<void> => {
    if (!accountId) return
    setSending(true)
    try {
      const result = await call('ports.submit', { accountId, order: order(), documents: Object.values(documents), confirmed: true })
      const failed = result.documents.filter((document) => !document.ok)
      notifySuccess(`Port ${result.orderId} submitted`, failed.length > 0 ? `${result.message}; not attached: ${failed.map((d) => `${d.name} (${d.message})`).join(', ')}` : result.message)
      onSubmitted(result.orderId)
      close()
    } catch (failure) {
      notifyError('The port was not submitted', failure)
    } finally {
      setSending(false)
    }
  }

  const attach = async (kind: string, file: File | null): Promise<void> => {
    if (!form) return
    if (!file) {
      setDocuments(({ [kind]: _dropped, ...rest }) => rest)
      return
    }
    const { document, problem } = await readPortDocument(file, kind, form)
    if (document) {
      setDocuments((all) => ({ ...all, [kind]: document }))
      setProblems([])
    } else setProblems([problem ?? 'The file cannot be sent'])
  }

  return (
    <Modal opened={opened} onClose={close} size="xl" title="New port" aria-label="New port">
      {step === 'numbers' && (
        <Stack gap="xs">
          <Textarea
            label="Numbers to port in"
            description="Any format, one per line or comma separated"
            autosize
            minRows={4}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
          />
          <Group>
            <Button onClick={() => void runCheck()} loading={checking} disabled={text.trim() === ''}>
              Check portability
            </Button>
          </Group>
          {check && (
            <>
              {check.invalid.length > 0 && (
                <Alert color="orange" title={`${check.invalid.length} not understood`} data-testid="port-check-invalid">
                  {check.invalid.map((bad) => (
                    <Text key={bad.input} size="sm">
                      {bad.input}: {bad.reason}
                    </Text>
                  ))}
                </Alert>
              )}
              <Table aria-label="Portability" fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Number</Table.Th>
                    {check.accounts.map((each) => (
                      <Table.Th key={each.accountId}>{each.accountName}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {check.numbers.map((e164) => (
                    <Table.Tr key={e164} aria-label={`Portability of ${e164}`}>
                      <Table.Td className="cd-mono">{formatPhoneNumber(e164)}</Table.Td>
                      {check.accounts.map((each) => {
                        const line = each.results.find((result) => result.e164 === e164)
                        return (
                          <Table.Td key={each.accountId} title={line?.message ?? each.error}>
                            {each.error ? (
                              <Text size="xs" c="red">{each.error}</Text>
                            ) : line?.portable ? (
                              <Badge color="teal" variant="light">Portable</Badge>
                            ) : (
                              <Badge color="red" variant="light">{line?.message ?? 'Not portable'}</Badge>
                            )}
                          </Table.Td>
                        )
                      })}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Group justify="flex-end" align="flex-end">
                <Select
                  label="Port in at"
                  placeholder="Choose the account"
                  w={280}
                  data={submitters.map((each) => ({ value: each.id, label: `${each.name} (${portableAt(each.id).length} portable)`, disabled: portableAt(each.id).length === 0 }))}
                  value={accountId}
                  onChange={chooseAccount}
                />
                <Button disabled={!accountId || portableAt(accountId).length === 0} onClick={() => setStep('order')}>
                  Next: account data
                </Button>
              </Group>
            </>
          )}
        </Stack>
      )}

      {step === 'order' && form && account && (
        <Stack gap="xs">
          <Text size="sm">
            {portableAt(account.id).length} numbers at {account.name}: {portableAt(account.id).map(formatPhoneNumber).join(', ')}
          </Text>
          {(Object.keys(groupLabels) as (keyof typeof groupLabels)[]).map((group) => {
            const fields = form.fields.filter((field) => field.group === group)
            if (fields.length === 0) return null
            return (
              <Stack key={group} gap={4}>
                <Title order={6}>{groupLabels[group]}</Title>
                <SimpleGrid cols={3} spacing="xs">
                  {fields.map((field) => {
                    const common = { key: field.key, label: field.label, size: 'xs' as const, required: field.required, description: field.help, value: values[field.key] ?? '' }
                    const set = (value: string): void => setValues((all) => ({ ...all, [field.key]: value }))
                    if (field.kind === 'select') return <Select {...common} data={[...(field.options ?? [])]} onChange={(value) => set(value ?? '')} />
                    if (field.kind === 'secret') return <PasswordInput {...common} onChange={(event) => set(event.currentTarget.value)} />
                    return <TextInput {...common} type={field.kind === 'date' ? 'date' : field.kind === 'email' ? 'email' : 'text'} onChange={(event) => set(event.currentTarget.value)} />
                  })}
                </SimpleGrid>
              </Stack>
            )
          })}
          <Title order={6}>Documents</Title>
          <SimpleGrid cols={3} spacing="xs">
            {form.documents.map((kind) => (
              <FileInput
                key={kind.kind}
                size="xs"
                label={kind.label}
                required={kind.required && form.documentsSentWith === 'submit'}
                placeholder={form.documentTypes.join(', ').toUpperCase()}
                accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff,.zip"
                clearable
                onChange={(file) => void attach(kind.kind, file)}
              />
            ))}
          </SimpleGrid>
          {problems.length > 0 && (
            <Alert color="red" title="Fix before sending" data-testid="port-form-problems">
              {problems.map((problem) => (
                <Text key={problem} size="sm">{problem}</Text>
              ))}
            </Alert>
          )}
          <Group justify="space-between">
            <Button variant="default" onClick={() => setStep('numbers')}>Back</Button>
            <Button onClick={() => void review()}>Review</Button>
          </Group>
        </Stack>
      )}

      {step === 'confirm' && preview && account && (
        <Stack gap="xs" aria-label="Confirm the port">
          <Text size="sm" fw={600}>
            Port {preview.numbers.length} number{preview.numbers.length === 1 ? '' : 's'} in at {account.name}:
          </Text>
          <Text size="sm" className="cd-mono">{preview.numbers.map(formatPhoneNumber).join(', ')}</Text>
          <SimpleGrid cols={2} spacing={2}>
            {preview.summary.map((field) => (
              <Text key={field.key} size="sm">
                <Text span c="dimmed" size="sm">{field.label}: </Text>
                {field.masked ? '(given, not shown)' : field.value}
              </Text>
            ))}
          </SimpleGrid>
          <Text size="sm">Documents: {Object.values(documents).map((document) => `${document.name} (${document.kind})`).join(', ') || 'none'}</Text>
          <Text size="xs" c="dimmed">Sent once. If the answer is lost, CarrierDesk reads the carrier's orders back before saying how it ended.</Text>
          <Group justify="space-between">
            <Button variant="default" onClick={() => setStep('order')}>Back</Button>
            <Button color="blue" loading={sending} onClick={() => void submit()}>
              Submit the port
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}
