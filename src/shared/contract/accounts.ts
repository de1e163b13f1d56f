/** Carrier accounts: settings in SQLite, secrets in the keychain; add, update, remove, test. */
import { z } from 'zod'
import { baseUrlProblem } from '../base-url'
import { CarrierIdSchema, EnvironmentSchema, SecretKeySchema, type AccountView } from '../domain'
import { AccountId, channel, NoInput, type AreaChannels, type ExactlyFor } from './kit'
import type { accountsChannels, accountsEvents } from './names/accounts'

const Trimmed = z.string().trim()
const AccountName = Trimmed.min(1, 'Name is required').max(80, 'Name is at most 80 characters')
/** https, or plain http to this machine only; no credentials in the URL (see `baseUrlProblem`). */
const BaseUrl = Trimmed.max(2000, 'Base URL is at most 2000 characters').superRefine((value, context) => {
  const problem = baseUrlProblem(value)
  if (problem) context.addIssue({ code: 'custom', message: problem })
})
const SecretsInput = z
  .record(SecretKeySchema, z.string().min(1).max(4096))
  .refine((secrets) => Object.keys(secrets).length <= 20, 'At most 20 secrets')

/**
 * A carrier's settings sit beside the common fields under their own keys (`username: "noc"`), as text;
 * which keys a carrier takes, and which it requires, its adapter says (see `CarrierInfo.fields`), and the
 * core checks them there: an unknown key is refused, a blank one clears the setting.
 */
const SettingValue = Trimmed.max(200)
type Settings = { [setting: string]: unknown }

const AccountInputObject = z
  .object({
    carrier: CarrierIdSchema,
    name: AccountName,
    baseUrl: BaseUrl,
    environment: EnvironmentSchema.default('production'),
    secrets: SecretsInput.default({}),
  })
  .catchall(SettingValue)
type AccountInputFields = z.input<z.ZodObject<(typeof AccountInputObject)['shape']>>
type AccountInputParsed = z.output<z.ZodObject<(typeof AccountInputObject)['shape']>>
/** Typed with the settings as `unknown` beside the fields (zod would type every key a string). */
export const AccountInputSchema = AccountInputObject as unknown as z.ZodType<AccountInputParsed & Settings, AccountInputFields & Settings>
export type AccountInput = z.input<typeof AccountInputSchema>

const AccountUpdateObject = z
  .object({
    id: AccountId,
    name: AccountName.optional(),
    baseUrl: BaseUrl.optional(),
    environment: EnvironmentSchema.optional(),
    /** Only the secrets named here are replaced; the others stay in the keychain as they are. */
    secrets: SecretsInput.optional(),
    /**
     * A base URL that sends somewhere new (another scheme, host or port) would hand every stored secret to
     * that host at the next request. Such an update is refused unless it either enters again, in `secrets`,
     * every secret the account has stored, or names the new host here, exactly as the URL shows it
     * (`URL.host`: the host name, plus `:port` when not the scheme's default, e.g. "api.example.net:8443"),
     * to say the person at the keyboard trusts that host with the stored secrets. Ignored when the base URL
     * keeps its origin.
     */
    confirmHost: Trimmed.min(1).max(300).optional(),
  })
  .catchall(SettingValue)
type AccountUpdateFields = z.input<z.ZodObject<(typeof AccountUpdateObject)['shape']>>
type AccountUpdateParsed = z.output<z.ZodObject<(typeof AccountUpdateObject)['shape']>>
/** Settings given are replaced (blank clears one); those not given stay as they are. */
export const AccountUpdateSchema = AccountUpdateObject as unknown as z.ZodType<AccountUpdateParsed & Settings, AccountUpdateFields & Settings>
export type AccountUpdate = z.input<typeof AccountUpdateSchema>

export interface ConnectionTestResult {
  ok: boolean
  latencyMs: number
  message: string
}

export const accountsContract = {
  'accounts.list': channel<AccountView[]>()(NoInput),
  'accounts.add': channel<AccountView>()(AccountInputSchema),
  'accounts.update': channel<AccountView>()(AccountUpdateSchema),
  'accounts.remove': channel<{ removed: boolean }>()(z.object({ id: AccountId }).strict()),
  'accounts.test': channel<ConnectionTestResult>()(z.object({ id: AccountId }).strict()),
} satisfies AreaChannels<(typeof accountsChannels)[number]>

export type AccountsEvents = ExactlyFor<(typeof accountsEvents)[number], { 'accounts.changed': { accountIds: string[] } }>
