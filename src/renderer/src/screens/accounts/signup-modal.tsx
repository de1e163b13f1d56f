/**
 * "Create a carrier account" (Call48's sign-up): the carrier opens a new account, and CarrierDesk adds it
 * with its password straight in the keychain. Guarded like every mutation: checked first, confirmed, sent
 * once; after a lost answer main logs in with the new credentials to say whether the account exists.
 */
import { Alert, Button, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { SignupSchema, type SignupOutcome } from '../../../../shared/customers'
import { environments, type CarrierInfo, type Environment } from '../../../../shared/domain'
import { call } from '../../bridge'
import { formErrorsOf } from '../../components/form-errors'
import { useAccountsStore } from '../../stores/accounts'
import { CreationOutcome } from '../../components/creation-outcome'

const signupFields = ['firstName', 'lastName', 'company', 'address', 'city', 'state', 'country', 'username', 'password', 'email', 'phone'] as const
type SignupFields = Record<(typeof signupFields)[number], string>
const empty: SignupFields = { firstName: '', lastName: '', company: '', address: '', city: '', state: '', country: 'US', username: '', password: '', email: '', phone: '' }

export function SignupModal({ carriers, onClose }: { carriers: CarrierInfo[]; onClose: () => void }) {
  const accounts = useAccountsStore((state) => state.accounts)
  const [carrierId, setCarrierId] = useState(carriers[0]?.id ?? '')
  const carrier = carriers.find((info) => info.id === carrierId)
  // A reseller usually opens another account on the platform it already uses: that account's address first.
  const sibling = accounts.find((account) => account.carrier === carrierId)
  const [name, setName] = useState('')
  const [environment, setEnvironment] = useState<Environment>(sibling?.environment ?? 'production')
  const [baseUrl, setBaseUrl] = useState(sibling?.baseUrl ?? carrier?.defaultBaseUrls.production ?? '')
  const [fields, setFields] = useState<SignupFields>(empty)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [general, setGeneral] = useState<string | undefined>()
  const [step, setStep] = useState<'form' | 'confirm' | 'sending' | 'done'>('form')
  const [outcome, setOutcome] = useState<SignupOutcome | undefined>()
  const input = (key: keyof SignupFields, label: string) => (
    <TextInput label={label} required autoComplete="off" value={fields[key]} onChange={(event) => {
      const value = event.currentTarget.value
      setFields((current) => ({ ...current, [key]: value }))
    }} error={errors[key]} />
  )
  const review = (): void => {
    const parsed = SignupSchema.safeParse(fields)
    const byField: Record<string, string> = {}
    if (!parsed.success) for (const issue of parsed.error.issues) byField[String(issue.path[0] ?? '')] ??= issue.message
    if (!name.trim()) byField.name = 'Name is required'
    if (!baseUrl.trim()) byField.baseUrl = 'Base URL is required'
    setErrors(byField)
    if (Object.keys(byField).length === 0) setStep('confirm')
  }
  const send = async (): Promise<void> => {
    setStep('sending')
    setGeneral(undefined)
    try {
      const result = await call('customers.signup', { carrier: carrierId, name: name.trim(), baseUrl: baseUrl.trim(), environment, signup: SignupSchema.parse(fields), confirmed: true })
      setOutcome(result)
      setStep('done')
    } catch (error) {
      const placed = formErrorsOf(error, [...signupFields, 'name', 'baseUrl'], 'signup')
      setErrors(placed.byField)
      setGeneral(placed.general)
      setStep('form')
    } finally {
      setFields((current) => ({ ...current, password: '' }))
    }
  }
  return (
    <Modal opened onClose={() => step !== 'sending' && onClose()} title={`Create a ${carrier?.name ?? ''} account`} size="xl" closeOnClickOutside={false}>
      {step === 'form' && (
        <form autoComplete="off" onSubmit={(event) => {
          event.preventDefault()
          review()
        }}>
          <Stack gap="sm">
            {general && (
              <Alert color="red" role="alert" title="Not created">
                {general}
              </Alert>
            )}
            <SimpleGrid cols={3} spacing="sm">
              <Select label="Carrier" data={carriers.map((info) => ({ value: info.id, label: info.name }))} value={carrierId} onChange={(value) => value && setCarrierId(value)} allowDeselect={false} />
              <TextInput label="Name in CarrierDesk" required value={name} onChange={(event) => setName(event.currentTarget.value)} error={errors.name} />
              <Select label="Environment" data={[...environments]} value={environment} onChange={(value) => value && setEnvironment(value as Environment)} allowDeselect={false} />
            </SimpleGrid>
            <TextInput label="Base URL" required value={baseUrl} onChange={(event) => setBaseUrl(event.currentTarget.value)} error={errors.baseUrl} className="cd-mono" />
            <SimpleGrid cols={3} spacing="sm">
              {input('username', 'User name')}
              <PasswordInput label="Password" required autoComplete="new-password" value={fields.password} onChange={(event) => {
                const value = event.currentTarget.value
                setFields((current) => ({ ...current, password: value }))
              }} error={errors.password} />
              {input('email', 'Email')}
              {input('firstName', 'First name')}
              {input('lastName', 'Last name')}
              {input('company', 'Company')}
              {input('phone', 'Phone')}
              {input('address', 'Address')}
              {input('city', 'City')}
              {input('state', 'State')}
              {input('country', 'Country')}
            </SimpleGrid>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit">Review</Button>
            </Group>
          </Stack>
        </form>
      )}
      {(step === 'confirm' || step === 'sending') && (
        <Stack gap="sm">
          <Alert color="orange" variant="light" title="Confirm the new account">
            <Text fw={600} data-testid="signup-confirmation">
              Open the {carrier?.name} account {fields.username} for {fields.company} and add it to CarrierDesk as “{name.trim()}”?
            </Text>
            <Text size="sm" c="dimmed" mt={4}>
              Sent once to {baseUrl.trim()}. The password goes to the carrier and then to this computer’s keychain only.
            </Text>
          </Alert>
          <Group justify="space-between">
            <Button variant="subtle" disabled={step === 'sending'} onClick={() => setStep('form')}>
              Back
            </Button>
            <Button color="orange" loading={step === 'sending'} onClick={() => void send()}>
              Create account
            </Button>
          </Group>
        </Stack>
      )}
      {step === 'done' && outcome && (
        <Stack gap="sm">
          <CreationOutcome outcome={outcome} createdTitle="Account created">
            <Text size="sm">
              {outcome.message}
              {outcome.account ? `. Added as ${outcome.account.name}; its password is in the keychain.` : ''}
            </Text>
          </CreationOutcome>
          <Group justify="flex-end">
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}
