/**
 * Customers (sub-accounts) of an account at its carrier (Call48's customers), and opening a new carrier
 * account (sign-up). The list is read from the cache the billing sync fills; creating and changing go to the
 * carrier once each, after the front door's confirmation, and land in the activity log with their true
 * outcome. Passwords (a customer's login, a new account's) are passed through: a new account's goes to the
 * keychain of the CarrierDesk account it becomes, a customer's nowhere.
 */
import type {
  CustomerChange,
  CustomerCreation,
  CustomerRow,
  DiscountPlan,
  NewCustomer,
  SignupInput,
  SignupOutcome,
  Subscription,
} from '../../shared/customers'
import { describeCustomerChange, NewCustomerSchema } from '../../shared/customers'
import type { ActivityResult, Environment } from '../../shared/domain'
import type { CustomerActions } from '../carriers/adapter'
import type { CarrierRegistry } from '../carriers/registry'
import { AppError } from '../lib/app-error'
import { isAmbiguous } from '../lib/carrier-error'
import type { Store } from '../store/store'
import type { AccountRow } from '../store/repositories/accounts'
import type { AccountsService } from './accounts-service'
import type { ActivityLog } from './activity-log'

export interface CustomersServiceDeps {
  store: Store
  accounts: AccountsService
  registry: CarrierRegistry
  activity: ActivityLog
  now: () => number
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

export class CustomersService {
  constructor(private readonly deps: CustomersServiceDeps) {}

  private async open(account: string): Promise<{ row: AccountRow; actions: CustomerActions }> {
    const row = this.deps.accounts.find(account)
    const client = await this.deps.accounts.connect(row)
    if (!client.customers) throw new AppError('validation', `${row.name} is not an account whose carrier keeps customers (${row.carrier})`)
    return { row, actions: client.customers }
  }

  private log(row: AccountRow, action: string, target: string, result: ActivityResult, details: Record<string, unknown>, message?: string): void {
    this.deps.activity.record({ accountId: row.id, carrier: row.carrier, action, target, result, message, details })
  }

  /** The cached customers of every account (or one), and when the oldest list was fetched. */
  list(input: { accountId?: string | undefined }): { rows: CustomerRow[]; asOf?: number | undefined } {
    const accountId = input.accountId === undefined ? undefined : this.deps.accounts.find(input.accountId).id
    const names = new Map(this.deps.store.accounts.list().map((row) => [row.id, row.name]))
    const parts = this.deps.store.billing.partsAsOf(accountId).filter((part) => part.part === 'customers')
    return {
      rows: this.deps.store.customers.list(accountId).map((customer) => ({ ...customer, accountName: names.get(customer.accountId) ?? customer.accountId })),
      asOf: parts.length === 0 ? undefined : Math.min(...parts.map((part) => part.asOf)),
    }
  }

  async create(input: { account: string; customer: NewCustomer }, signal: AbortSignal): Promise<CustomerCreation> {
    const parsed = NewCustomerSchema.safeParse(input.customer)
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? 'customer'), issue.message]))
      throw new AppError('validation', Object.entries(fields).map(([field, message]) => `${field}: ${message}`).join('; '), { fields })
    }
    const customer = parsed.data
    const { row, actions } = await this.open(input.account)
    // What the log keeps: who it is and its limits, never the password.
    const details = { username: customer.username, email: customer.email, creditLimit: customer.creditLimit, creditLimitWarning: customer.creditLimitWarning, portaClass: customer.portaClass }
    try {
      const created = await actions.create({ customer, signal })
      const result: ActivityResult = created.created ? 'succeeded' : created.outcomeUnknown ? 'unknown' : 'failed'
      this.log(row, 'customer.create', `customer:${customer.username}`, result, { ...details, customerId: created.customer?.id, checkedAfterFailure: created.checkedAfterFailure }, created.message)
      if (created.customer) this.deps.store.customers.upsert(created.customer)
      return created
    } catch (error) {
      this.log(row, 'customer.create', `customer:${customer.username}`, isAmbiguous(error) ? 'unknown' : 'failed', details, messageOf(error))
      throw error
    }
  }

  /** One settings change for one customer, sent once; an unclear end is logged `unknown` and said so. */
  async change(input: { account: string; customerId: number; change: CustomerChange }, signal: AbortSignal): Promise<{ message: string }> {
    const { row, actions } = await this.open(input.account)
    const known = this.deps.store.customers.get(row.id, input.customerId)
    const target = `customer:${known?.login ?? input.customerId}`
    const what = describeCustomerChange(input.change)
    const details = { customerId: input.customerId, change: input.change }
    try {
      const result = await actions.change({ customerId: input.customerId, change: input.change, signal })
      this.log(row, 'customer.update', target, 'succeeded', details, what)
      return result
    } catch (error) {
      const ambiguous = isAmbiguous(error)
      this.log(row, 'customer.update', target, ambiguous ? 'unknown' : 'failed', details, `${what}: ${messageOf(error)}`)
      if (ambiguous && error instanceof AppError) {
        throw new AppError(error.code, `The change may or may not have been made (${messageOf(error)}); Call48 cannot be asked, so set it again once the carrier answers`, error.details)
      }
      throw error
    }
  }

  async discountPlans(input: { account: string }, signal: AbortSignal): Promise<DiscountPlan[]> {
    return (await this.open(input.account)).actions.discountPlans({ signal })
  }

  async subscriptions(input: { account: string; customerId: number }, signal: AbortSignal): Promise<Subscription[]> {
    return (await this.open(input.account)).actions.subscriptions({ customerId: input.customerId, signal })
  }

  /**
   * Opens a new account at the carrier and adds it to CarrierDesk (its password straight to the keychain).
   * Sent once; after a lost answer the adapter logs in to tell whether the account exists.
   */
  async signup(
    input: { carrier: string; name: string; baseUrl: string; environment: Environment; signup: SignupInput },
    signal: AbortSignal,
  ): Promise<SignupOutcome> {
    const adapter = this.deps.registry.require(input.carrier)
    if (!adapter.capabilities.includes('accounts.signup') || !adapter.signup) {
      throw new AppError('validation', `${adapter.name} accounts cannot be opened from CarrierDesk`)
    }
    if (this.deps.store.accounts.findByName(input.name)) {
      throw new AppError('conflict', `An account named "${input.name}" already exists`, { fields: { name: 'Name is taken' } })
    }
    const target = input.signup.username
    const details = { baseUrl: input.baseUrl, environment: input.environment, username: input.signup.username, company: input.signup.company, email: input.signup.email }
    const record = (result: ActivityResult, message: string, more: Record<string, unknown> = {}): void =>
      void this.deps.activity.record({ carrier: adapter.id, action: 'account.signup', target, result, message, details: { ...details, ...more } })
    let outcome
    try {
      outcome = await adapter.signup({ baseUrl: input.baseUrl, input: input.signup, signal })
    } catch (error) {
      record(isAmbiguous(error) ? 'unknown' : 'failed', messageOf(error))
      throw error
    }
    if (!outcome.created) {
      record(outcome.outcomeUnknown ? 'unknown' : 'failed', outcome.message, { checkedAfterFailure: outcome.checkedAfterFailure })
      return { created: false, message: outcome.message, checkedAfterFailure: outcome.checkedAfterFailure, outcomeUnknown: outcome.outcomeUnknown }
    }
    record('succeeded', outcome.message, { checkedAfterFailure: outcome.checkedAfterFailure })
    const account = await this.deps.accounts.add({
      carrier: adapter.id,
      name: input.name,
      baseUrl: input.baseUrl,
      environment: input.environment,
      secrets: outcome.secrets as Record<string, string>,
      ...outcome.settings,
    })
    return { created: true, message: outcome.message, checkedAfterFailure: outcome.checkedAfterFailure, account }
  }
}
