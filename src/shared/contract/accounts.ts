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
const OptionalField = Trimmed.max(200).optional()
const SecretsInput = z.partialRecord(SecretKeySchema, z.string().min(1).max(4096))

export const AccountInputSchema = z.object({
  carrier: CarrierIdSchema,
  name: AccountName,
  baseUrl: BaseUrl,
  environment: EnvironmentSchema.default('production'),
  username: OptionalField,
  accountNo: OptionalField,
  clientId: OptionalField,
  scope: OptionalField,
  secrets: SecretsInput.default({}),
}).strict()
export type AccountInput = z.input<typeof AccountInputSchema>

export const AccountUpdateSchema = z.object({
  id: AccountId,
  name: AccountName.optional(),
  baseUrl: BaseUrl.optional(),
  environment: EnvironmentSchema.optional(),
  username: OptionalField,
  accountNo: OptionalField,
  clientId: OptionalField,
  scope: OptionalField,
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
}).strict()
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
