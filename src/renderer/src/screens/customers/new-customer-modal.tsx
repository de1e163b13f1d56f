/**
 * "New customer" (Call48's Create Customer): the documented fields, checked before sending (the contract's
 * schema, again in main), an explicit confirmation, one `customers.create`, its outcome. The customer's
 * password lives only in this form's state and is cleared once the carrier has answered.
 */
import { Alert, Button, Group, Modal, NumberInput, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { AccountView } from '../../../../shared/domain'
import { NewCustomerSchema, type CustomerCreation, type NewCustomer } from '../../../../shared/customers'
import { call } from '../../bridge'
import { formErrorsOf } from '../../components/form-errors'
import { CreationOutcome } from '../../components/creation-outcome'

type Fields = Record<Exclude<keyof NewCustomer, 'portaClass' | 'creditLimit' | 'creditLimitWarning'>, string> & {
  portaClass: number | string
  creditLimit: number | string
  creditLimitWarning: number | string
}

const empty: Fields = {
  portaClass: '',
  username: '',
  password: '',
  creditLimit: 50,
  creditLimitWarning: 20,
  email: '',
  salutation: 'Mr.',
  firstName: '',
  lastName: '',
  address: '',
  address2: '',
  city: '',
  zip: '',
  state: '',
  country: 'US',
  companyName: '',
  currency: 'USD',
  bcc: '',
  phone: '',
}

const fieldNames = Object.keys(empty)

function inputOf(fields: Fields): Record<string, unknown> {
  const number = (value: number | string): number | undefined => (value === '' ? undefined : Number(value))
  return {
    ...fields,
    portaClass: number(fields.portaClass),
    creditLimit: number(fields.creditLimit),
    creditLimitWarning: number(fields.creditLimitWarning),
  }
}

export function NewCustomerModal({ account, onClose, onCreated }: { account: AccountView; onClose: () => void; onCreated: () => void }) {
  const [fields, setFields] = useState<Fields>(empty)
  const [step, setStep] = useState<'form' | 'confirm' | 'sending' | 'done'>('form')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [general, setGeneral] = useState<string | undefined>()
  const [outcome, setOutcome] = useState<CustomerCreation | undefined>()
  const set = (key: keyof Fields) => (value: string | number) => setFields((current) => ({ ...current, [key]: value }))
  const text = (key: keyof Fields, label: string, props: { required?: boolean; placeholder?: string; w?: number } = {}) => (
    <TextInput
      label={label}
      required={props.required ?? true}
      placeholder={props.placeholder}
      autoComplete="off"
      value={String(fields[key])}
      onChange={(event) => set(key)(event.currentTarget.value)}
      error={errors[key]}
    />
  )

  const review = (): void => {
    const parsed = NewCustomerSchema.safeParse(inputOf(fields))
    if (!parsed.success) {
      const byField: Record<string, string> = {}
      for (const issue of parsed.error.issues) byField[String(issue.path[0] ?? '')] ??= issue.message
      setErrors(byField)
      return
    }
    setErrors({})
    setStep('confirm')
  }

  const create = async (): Promise<void> => {
    setStep('sending')
    setGeneral(undefined)
    try {
      const result = await call('customers.create', { accountId: account.id, customer: NewCustomerSchema.parse(inputOf(fields)), confirmed: true })
      setOutcome(result)
      setStep('done')
      if (result.created) onCreated()
    } catch (error) {
      const placed = formErrorsOf(error, fieldNames, 'customer')
      setErrors(placed.byField)
      setGeneral(placed.general)
      setStep('form')
    } finally {
      // The password goes with the answer, whatever it was.
      setFields((current) => ({ ...current, password: '' }))
    }
  }

  return (
    <Modal opened onClose={() => step !== 'sending' && onClose()} title={`New customer — ${account.name}`} size="xl" closeOnClickOutside={false}>
      {step === 'form' && (
        <form
          autoComplete="off"
          onSubmit={(event) => {
            event.preventDefault()
            review()
          }}
        >
          <Stack gap="sm">
            {general && (
              <Alert color="red" role="alert" title="Not created">
                {general}
              </Alert>
            )}
            <SimpleGrid cols={3} spacing="sm">
              {text('username', 'User name')}
              <PasswordInput label="Password" required autoComplete="new-password" value={fields.password} onChange={(event) => set('password')(event.currentTarget.value)} error={errors.password} />
              {text('email', 'Email')}
              <Select label="Salutation" data={['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Company']} value={fields.salutation} onChange={(value) => set('salutation')(value ?? '')} error={errors.salutation} allowDeselect={false} />
              {text('firstName', 'First name')}
              {text('lastName', 'Last name')}
              {text('companyName', 'Company', { required: false, placeholder: "The reseller's when left blank" })}
              {text('phone', 'Phone', { required: false, placeholder: 'digits only' })}
              {text('bcc', 'Invoice copies to', { placeholder: 'a@x.com, b@y.com' })}
              {text('address', 'Address')}
              {text('address2', 'Address line 2', { required: false })}
              {text('city', 'City')}
              {text('state', 'State', { required: false })}
              {text('zip', 'ZIP')}
              {text('country', 'Country', { placeholder: 'US' })}
              <NumberInput label="Customer class (portaClass)" required min={1} allowDecimal={false} value={fields.portaClass} onChange={set('portaClass')} error={errors.portaClass} />
              <NumberInput label="Credit limit" required min={0} decimalScale={2} value={fields.creditLimit} onChange={set('creditLimit')} error={errors.creditLimit} />
              <NumberInput label="Credit limit warning" required min={0} decimalScale={2} value={fields.creditLimitWarning} onChange={set('creditLimitWarning')} error={errors.creditLimitWarning} />
              {text('currency', 'Currency', { placeholder: 'USD' })}
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
          <Alert color="orange" variant="light" title="Confirm the new customer">
            <Text fw={600} data-testid="customer-confirmation">
              Create {fields.username} ({fields.firstName} {fields.lastName}) at {account.name} with a credit limit of {Number(fields.creditLimit).toFixed(2)}{' '}
              {fields.currency.toUpperCase()}?
            </Text>
            <Text size="sm" c="dimmed" mt={4}>
              Sent once. The password goes to the carrier only; CarrierDesk keeps no copy.
            </Text>
          </Alert>
          <Group justify="space-between">
            <Button variant="subtle" disabled={step === 'sending'} onClick={() => setStep('form')}>
              Back
            </Button>
            <Button color="orange" loading={step === 'sending'} onClick={() => void create()}>
              Create customer
            </Button>
          </Group>
        </Stack>
      )}
      {step === 'done' && outcome && (
        <Stack gap="sm">
          <CreationOutcome outcome={outcome} createdTitle="Customer created">
            <Text size="sm">
              {outcome.created ? `${outcome.customer?.login ?? fields.username}${outcome.customer ? ` has id ${outcome.customer.id}` : ''}.` : ''} {outcome.message ?? ''}
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
