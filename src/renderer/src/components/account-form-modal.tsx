/**
 * Add/edit account form, built from the chosen carrier's `CarrierInfo` (fields, secret fields, default
 * base URLs). On edit, secrets left blank are not sent, so the keychain keeps them as they are — except
 * when the base URL now sends to another host: then the stored secrets must be typed again, or the new
 * host confirmed by name, before the main process accepts the change (see AccountUpdateSchema).
 * Server `validation` errors are shown on the fields they name where possible.
 */
import { Alert, Button, Checkbox, Group, Modal, NativeSelect, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useEffect, useState, type FormEvent } from 'react'
import { baseUrlHost, baseUrlProblem, changesOrigin } from '../../../shared/base-url'
import type { AccountView, CarrierField, CarrierId, CarrierInfo, Environment, SecretKey } from '../../../shared/domain'
import type { AccountInput, AccountUpdate } from '../../../shared/ipc-shared'
import { BridgeError, call, toErrorShape } from '../bridge'
import { notifyError, notifySuccess } from '../notify'
import { useAccountEditorStore, type AccountEditorTarget } from '../stores/account-editor'
import { useAccountsStore } from '../stores/accounts'
import { useCarriersStore } from '../stores/carriers'
import { placeValidationErrors } from '../validation-details'

type FieldKey = CarrierField['key']

interface FormValues {
  carrier: CarrierId | ''
  environment: Environment
  name: string
  baseUrl: string
  fields: Partial<Record<FieldKey, string>>
  secrets: Partial<Record<SecretKey, string>>
}

const environmentOptions: { value: Environment; label: string }[] = [
  { value: 'production', label: 'Production' },
  { value: 'staging', label: 'Staging' },
  { value: 'sandbox', label: 'Sandbox' },
]

function defaultBaseUrl(carriers: CarrierInfo[], carrier: CarrierId | '', environment: Environment): string {
  return carriers.find((info) => info.id === carrier)?.defaultBaseUrls[environment] ?? ''
}

/** An account's value for one of its carrier's settings (they sit beside its own fields). */
const settingOf = (account: AccountView | undefined, key: FieldKey): string => {
  const value = account?.[key]
  return typeof value === 'string' ? value : ''
}

function initialValues(carriers: CarrierInfo[], account: AccountView | undefined): FormValues {
  if (account) {
    const fields: FormValues['fields'] = {}
    const carrier = carriers.find((info) => info.id === account.carrier)
    for (const field of carrier?.fields ?? []) fields[field.key] = settingOf(account, field.key)
    return {
      carrier: account.carrier,
      environment: account.environment,
      name: account.name,
      baseUrl: account.baseUrl,
      fields,
      secrets: {},
    }
  }
  const carrier = carriers[0]?.id ?? ''
  return {
    carrier,
    environment: 'production',
    name: '',
    baseUrl: defaultBaseUrl(carriers, carrier, 'production'),
    fields: {},
    secrets: {},
  }
}

interface AccountFormProps {
  target: AccountEditorTarget
  account: AccountView | undefined
  onDone: () => void
}

function AccountForm({ target, account, onDone }: AccountFormProps) {
  const carriers = useCarriersStore((state) => state.carriers)
  const [values, setValues] = useState<FormValues>(() => initialValues(carriers, account))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | undefined>()
  const [submitting, setSubmitting] = useState(false)
  /** The host the user agreed may receive the stored secrets (reset by any other host). */
  const [trustedHost, setTrustedHost] = useState<string | undefined>()

  const editing = target.mode === 'edit'

  // The form may open before `carriers.list` answers; pick the first carrier once it does.
  useEffect(() => {
    if (values.carrier === '' && carriers.length > 0) setValues(initialValues(carriers, account))
  }, [carriers, account, values.carrier])
  const carrierInfo = carriers.find((info) => info.id === values.carrier)
  // On edit, a base URL sending elsewhere needs the stored secrets again, or the new host confirmed.
  const typedBaseUrl = values.baseUrl.trim()
  const newHost =
    account && typedBaseUrl !== '' && !baseUrlProblem(typedBaseUrl) && changesOrigin(account.baseUrl, typedBaseUrl)
      ? baseUrlHost(typedBaseUrl)
      : undefined
  const secretsToRetype = newHost ? (account?.storedSecrets.filter((key) => !values.secrets[key]) ?? []) : []
  const hostConfirmed = newHost !== undefined && trustedHost === newHost
  const secretLabel = (key: SecretKey): string => carrierInfo?.secretFields.find((field) => field.key === key)?.label ?? key
  const knownFields = [
    'carrier',
    'name',
    'baseUrl',
    'environment',
    ...(carrierInfo?.fields.map((field) => field.key) ?? []),
    ...(carrierInfo?.secretFields.map((field) => `secrets.${field.key}`) ?? []),
  ]

  const clearError = (key: string): void => {
    if (errors[key] !== undefined) setErrors(({ [key]: _removed, ...rest }) => rest)
  }

  /** Follows the default URL when carrier or environment changes, unless the user typed their own. */
  const withFollowedBaseUrl = (next: FormValues): FormValues => {
    const previousDefault = defaultBaseUrl(carriers, values.carrier, values.environment)
    if (values.baseUrl.trim() !== '' && values.baseUrl !== previousDefault) return next
    return { ...next, baseUrl: defaultBaseUrl(carriers, next.carrier, next.environment) }
  }

  const validateLocally = (): Record<string, string> => {
    const found: Record<string, string> = {}
    if (!values.carrier) found.carrier = 'Choose a carrier'
    if (!values.name.trim()) found.name = 'Name is required'
    if (!typedBaseUrl) found.baseUrl = 'Base URL is required'
    else {
      const problem = baseUrlProblem(typedBaseUrl)
      if (problem) found.baseUrl = problem
      else if (newHost && secretsToRetype.length > 0 && !hostConfirmed) {
        found.baseUrl = `Enter the stored secrets again, or confirm that ${newHost} may receive them`
      }
    }
    for (const field of carrierInfo?.fields ?? []) {
      if (field.required && !values.fields[field.key]?.trim()) found[field.key] = `${field.label} is required`
    }
    return found
  }

  /** Only secrets the user typed are sent; blank means "keep what is stored". */
  const typedSecrets = (): Record<SecretKey, string> => {
    const secrets: Record<SecretKey, string> = {}
    for (const field of carrierInfo?.secretFields ?? []) {
      const value = values.secrets[field.key]
      if (value) secrets[field.key] = value
    }
    return secrets
  }

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const localErrors = validateLocally()
    setErrors(localErrors)
    setFormError(undefined)
    if (Object.keys(localErrors).length > 0 || !values.carrier) return
    setSubmitting(true)
    try {
      const declared = new Set(carrierInfo?.fields.map((field) => field.key) ?? [])
      if (target.mode === 'add') {
        const input: AccountInput = {
          carrier: values.carrier,
          name: values.name.trim(),
          baseUrl: values.baseUrl.trim(),
          environment: values.environment,
          secrets: typedSecrets(),
        }
        for (const key of declared) {
          const value = values.fields[key]?.trim()
          if (value) input[key] = value
        }
        const added = await call('accounts.add', input)
        notifySuccess('Account added', `${added.name} is ready. Test its connection or sync it.`)
      } else {
        const update: AccountUpdate = {
          id: target.accountId,
          name: values.name.trim(),
          baseUrl: values.baseUrl.trim(),
          environment: values.environment,
        }
        for (const key of declared) {
          const value = values.fields[key]?.trim() ?? ''
          // An emptied field is sent as '' so it is cleared; a never-set empty field is left out.
          if (value || settingOf(account, key)) update[key] = value
        }
        const secrets = typedSecrets()
        if (Object.keys(secrets).length > 0) update.secrets = secrets
        if (newHost && secretsToRetype.length > 0 && hostConfirmed) update.confirmHost = newHost
        const updated = await call('accounts.update', update)
        notifySuccess('Account saved', `${updated.name} was updated.`)
      }
      await useAccountsStore.getState().load()
      onDone()
    } catch (error) {
      if (error instanceof BridgeError && error.code === 'validation') {
        const placed = placeValidationErrors(error.details, knownFields)
        setErrors(placed.byField)
        const leftover = placed.unplaced.length > 0 ? placed.unplaced.join('; ') : undefined
        setFormError(leftover ?? (Object.keys(placed.byField).length === 0 ? error.message : undefined))
      } else {
        const shape = toErrorShape(error)
        setFormError(`${shape.code}: ${shape.message}`)
        notifyError(editing ? 'Could not save the account' : 'Could not add the account', error)
      }
    } finally {
      setSubmitting(false)
    }
  }

  const setField = (key: FieldKey, value: string): void => {
    setValues((current) => ({ ...current, fields: { ...current.fields, [key]: value } }))
    clearError(key)
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={editing ? 'Edit account' : 'Add account'}>
      <Stack gap="sm">
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="The account was not saved">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={2} spacing="sm">
          <NativeSelect
            label="Carrier"
            value={values.carrier}
            disabled={editing}
            description={editing ? 'The carrier of an account cannot change' : undefined}
            error={errors.carrier}
            data={carriers.map((info) => ({ value: info.id, label: info.name }))}
            onChange={(event) => {
              const carrier = event.currentTarget.value as CarrierId
              setValues((current) => withFollowedBaseUrl({ ...current, carrier }))
              clearError('carrier')
            }}
          />
          <NativeSelect
            label="Environment"
            value={values.environment}
            error={errors.environment}
            data={environmentOptions}
            onChange={(event) => {
              const environment = event.currentTarget.value as Environment
              setValues((current) => withFollowedBaseUrl({ ...current, environment }))
              clearError('environment')
            }}
          />
        </SimpleGrid>
        <TextInput
          label="Account name"
          description="How this account appears in lists, e.g. “Call48 – Miami wholesale”"
          required
          data-autofocus
          value={values.name}
          error={errors.name}
          maxLength={80}
          onChange={(event) => {
            const name = event.currentTarget.value
            setValues((current) => ({ ...current, name }))
            clearError('name')
          }}
        />
        <TextInput
          label="Base URL"
          required
          classNames={{ input: 'cd-mono' }}
          value={values.baseUrl}
          error={errors.baseUrl}
          spellCheck={false}
          onChange={(event) => {
            const baseUrl = event.currentTarget.value
            setValues((current) => ({ ...current, baseUrl }))
            clearError('baseUrl')
          }}
        />
        {newHost && secretsToRetype.length > 0 && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={`New host: ${newHost}`}>
            <Stack gap="xs">
              <Text size="sm">
                This account’s stored secrets ({secretsToRetype.map(secretLabel).join(', ')}) would be sent to {newHost}.
                Enter them again below, or confirm that you trust this host with them.
              </Text>
              <Checkbox
                label={`Send the stored secrets to ${newHost}`}
                checked={hostConfirmed}
                onChange={(event) => {
                  setTrustedHost(event.currentTarget.checked ? newHost : undefined)
                  clearError('baseUrl')
                }}
              />
            </Stack>
          </Alert>
        )}
        {carrierInfo && carrierInfo.fields.length > 0 && (
          <SimpleGrid cols={2} spacing="sm">
            {carrierInfo.fields.map((field) => (
              <TextInput
                key={field.key}
                label={field.label}
                required={field.required}
                value={values.fields[field.key] ?? ''}
                error={errors[field.key]}
                spellCheck={false}
                autoComplete="off"
                onChange={(event) => setField(field.key, event.currentTarget.value)}
              />
            ))}
          </SimpleGrid>
        )}
        {carrierInfo && carrierInfo.secretFields.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Secrets
            </Text>
            <Text size="xs" c="dimmed">
              {editing
                ? newHost
                  ? `Stored in the system keychain. The base URL now sends to ${newHost}: enter them again, or confirm the host above.`
                  : 'Stored in the system keychain. Leave a field blank to keep the stored value.'
                : 'Stored in the system keychain, never in CarrierDesk’s database.'}
            </Text>
            <SimpleGrid cols={2} spacing="sm">
              {carrierInfo.secretFields.map((field) => {
                const stored = account?.storedSecrets.includes(field.key) ?? false
                return (
                  <PasswordInput
                    key={field.key}
                    label={field.label}
                    placeholder={
                      editing
                        ? stored
                          ? newHost
                            ? `Stored — enter again for ${newHost}`
                            : 'Stored — leave blank to keep'
                          : 'Not stored'
                        : undefined
                    }
                    value={values.secrets[field.key] ?? ''}
                    error={errors[`secrets.${field.key}`]}
                    autoComplete="new-password"
                    spellCheck={false}
                    onChange={(event) => {
                      const value = event.currentTarget.value
                      setValues((current) => ({ ...current, secrets: { ...current.secrets, [field.key]: value } }))
                      clearError(`secrets.${field.key}`)
                    }}
                  />
                )
              })}
            </SimpleGrid>
          </Stack>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone} disabled={submitting}>
            Cancel
          </Button>
          <Button type="submit" loading={submitting}>
            {editing ? 'Save changes' : 'Save account'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function AccountFormModal() {
  const target = useAccountEditorStore((state) => state.target)
  const close = useAccountEditorStore((state) => state.close)
  const accounts = useAccountsStore((state) => state.accounts)
  const account = target?.mode === 'edit' ? accounts.find((candidate) => candidate.id === target.accountId) : undefined
  const title = target?.mode === 'edit' ? `Edit ${account?.name ?? 'account'}` : 'Add account'

  return (
    <Modal opened={target !== undefined} onClose={close} title={title} size="lg" centered>
      {target && (target.mode === 'add' || account) ? (
        <AccountForm
          key={target.mode === 'edit' ? target.accountId : 'add'}
          target={target}
          account={account}
          onDone={close}
        />
      ) : (
        <Text c="dimmed">This account no longer exists.</Text>
      )}
    </Modal>
  )
}
