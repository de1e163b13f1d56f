/**
 * The new residential client form (Nexogy's "Create a Client"): name, email, service address and zip, billing
 * address when it differs, start billing date, sub-reseller and your own customer id. Shared by the Clients
 * screen and the cart (buying a Nexogy number is creating a client with it). The carrier's rules are checked
 * in main before anything is sent; its refusals come back by field and show under each input.
 */
import { Alert, Button, Checkbox, Group, SimpleGrid, Stack, TextInput } from '@mantine/core'
import { useState, type ReactNode } from 'react'
import { billingDateText, type NewClientFields } from '../../../shared/clients'

export const emptyClient = (): NewClientFields => ({
  email: '',
  firstName: '',
  lastName: '',
  address: '',
  zipcode: '',
  sameBillingAddress: true,
  billingAddress: '',
  billingZipcode: '',
  startBillingDate: billingDateText(new Date()),
  subresellerId: '',
  customerId: '',
})

export const clientFieldNames = Object.keys(emptyClient())

/** The fields as the contract takes them: optional ones left out when blank. */
export function clientInputOf(fields: NewClientFields): NewClientFields {
  const optional = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined)
  return {
    ...fields,
    billingAddress: fields.sameBillingAddress ? undefined : optional(fields.billingAddress),
    billingZipcode: fields.sameBillingAddress ? undefined : optional(fields.billingZipcode),
    subresellerId: optional(fields.subresellerId),
    customerId: optional(fields.customerId),
  }
}

interface NewClientFormProps {
  /** Shown above the fields (the number the client gets, an account choice...). */
  header?: ReactNode
  errors: Record<string, string>
  general?: string | undefined
  submitLabel: string
  busy: boolean
  onSubmit: (fields: NewClientFields) => void
  onCancel: () => void
}

export function NewClientForm({ header, errors, general, submitLabel, busy, onSubmit, onCancel }: NewClientFormProps) {
  const [fields, setFields] = useState<NewClientFields>(emptyClient)
  const text = (key: keyof NewClientFields, label: string, props: { required?: boolean; placeholder?: string } = {}) => (
    <TextInput
      label={label}
      required={props.required ?? true}
      placeholder={props.placeholder}
      autoComplete="off"
      value={String(fields[key] ?? '')}
      onChange={(event) => {
        const value = event.currentTarget.value
        setFields((current) => ({ ...current, [key]: value }))
      }}
      error={errors[key]}
    />
  )
  return (
    <form
      autoComplete="off"
      aria-label="New client"
      onSubmit={(event) => {
        event.preventDefault()
        onSubmit(clientInputOf(fields))
      }}
    >
      <Stack gap="sm">
        {header}
        {general && (
          <Alert color="red" role="alert" title="Not accepted">
            {general}
          </Alert>
        )}
        <SimpleGrid cols={2} spacing="sm">
          {text('firstName', 'First name')}
          {text('lastName', 'Last name')}
          {text('email', 'Email')}
          {text('startBillingDate', 'Start billing date', { placeholder: 'MM/DD/YYYY' })}
          {text('address', 'Service address')}
          {text('zipcode', 'Service zip code')}
        </SimpleGrid>
        <Checkbox
          label="Billing address is the service address"
          checked={fields.sameBillingAddress}
          onChange={(event) => {
            const checked = event.currentTarget.checked
            setFields((current) => ({ ...current, sameBillingAddress: checked }))
          }}
        />
        {!fields.sameBillingAddress && (
          <SimpleGrid cols={2} spacing="sm">
            {text('billingAddress', 'Billing address')}
            {text('billingZipcode', 'Billing zip code')}
          </SimpleGrid>
        )}
        <SimpleGrid cols={2} spacing="sm">
          {text('subresellerId', 'Sub-reseller id', { required: false })}
          {text('customerId', 'Your customer id', { required: false })}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
