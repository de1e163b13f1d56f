/**
 * Call48's customers (sub-accounts) and sign-up onto the shared model. Creating a customer is sent once; a
 * lost answer is settled by listing the customers again, since the user name is unique. The settings calls
 * (simultaneous calls, parking, paging, RTP, discount plans) have no read to settle with: a lost answer stays
 * unknown. Passwords (a customer's, a new account's) go into the one request and nowhere else.
 */
import type { CustomerActions, SignupResult } from '../adapter'
import { NewCustomerSchema, SignupSchema, type Customer, type CustomerChange, type CustomerCreation, type SignupInput } from '../../../shared/customers'
import { AppError } from '../../lib/app-error'
import { isAmbiguous } from '../../lib/carrier-error'
import { settlingSignal } from '../kit/outcome'
import { Call48Client } from './client'
import { withoutSecrets } from './mapping'
import type { Call48Customer } from './schemas'

const carrier = 'call48'

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

const amountOf = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)

export function customerOf(record: Call48Customer, accountId: string, asOf: number): Customer {
  const name = [record.firstname, record.lastname].filter((part): part is string => typeof part === 'string' && part.trim() !== '').join(' ')
  const created = (record as Record<string, unknown>).creation_date
  return {
    accountId,
    carrier,
    id: record.account_id,
    ref: record.i_customer,
    login: record.login,
    name: name || undefined,
    company: record.companyname ?? undefined,
    email: record.email ?? undefined,
    status: record.status ?? undefined,
    active: record.is_active,
    creditLimit: amountOf(record.credit_limit),
    creditLimitWarning: amountOf(record.credit_limit_warning),
    createdAt: typeof created === 'string' ? created : undefined,
    asOf,
    raw: withoutSecrets(record),
  }
}

export function call48CustomerActions(client: Call48Client, accountId: string, now: () => number): CustomerActions {
  async function list(signal: AbortSignal): Promise<Customer[]> {
    const { customers } = await client.listCustomers({ signal })
    const asOf = now()
    return customers.map((record) => customerOf(record, accountId, asOf))
  }

  async function change(customerId: number, wanted: CustomerChange, signal: AbortSignal): Promise<void> {
    switch (wanted.kind) {
      case 'callLimit':
        await client.setSimultaneousCalls({ customerId, enabled: wanted.enabled, maxIn: wanted.maxIn, maxOut: wanted.maxOut, max: wanted.max, signal })
        return
      case 'callParking':
        // The doc lists no parameters for call parking; the flag rides along as the service's other toggles do.
        await client.setCallParking({ customerId, settings: { callparking: wanted.enabled ? 'yes' : 'no' }, signal })
        return
      case 'paging':
        await client.setPaging({ customerId, enabled: wanted.enabled, signal })
        return
      case 'rtp':
        await client.setRtp({ customerId, rtp: wanted.rtp, signal })
        return
      case 'discountPlan':
        await client.addDiscountPlan({ customerId, planId: wanted.planId, signal })
        return
    }
  }

  return {
    list: ({ signal }) => list(signal),

    async create({ customer, signal }): Promise<CustomerCreation> {
      const valid = NewCustomerSchema.parse(customer)
      const before = await list(signal)
      if (before.some((known) => known.login === valid.username)) {
        throw new AppError('conflict', `Call48 already has a customer with the user name ${valid.username}; nothing was sent`, {
          fields: { username: 'Taken' },
        })
      }
      try {
        await client.createCustomer({ ...valid, signal })
      } catch (error) {
        if (!isAmbiguous(error)) throw error
        // Never sent again: the customers list says whether it was made, even if the user cancels meanwhile.
        try {
          const found = (await list(settlingSignal())).find((known) => known.login === valid.username)
          return found
            ? { created: true, customer: found, checkedAfterFailure: true, message: `The answer was lost, but Call48 lists ${valid.username}` }
            : { created: false, checkedAfterFailure: true, message: `Call48 did not create the customer: ${messageOf(error)}` }
        } catch (lookupError) {
          return {
            created: false,
            outcomeUnknown: true,
            message: `Creating the customer ended unclearly (${messageOf(error)}) and listing the customers failed (${messageOf(lookupError)}); check Call48 before creating it again`,
          }
        }
      }
      // The answer is only `data: true`: read the list to show the customer as Call48 keeps it.
      const found = await list(signal).then(
        (after) => after.find((known) => known.login === valid.username),
        () => undefined,
      )
      return { created: true, customer: found }
    },

    async change({ customerId, change: wanted, signal }) {
      await change(customerId, wanted, signal)
      return { message: 'Call48 accepted the change' }
    },

    async discountPlans({ signal }) {
      const plans = await client.listDiscountPlans({ signal })
      return plans.map((plan) => ({
        id: plan.i_vd_plan,
        name: plan.name,
        description: plan.description ?? undefined,
        currency: plan.iso_4217 ?? undefined,
        resetPeriod: plan.reset_period ?? undefined,
      }))
    },

    async subscriptions({ customerId, signal }) {
      const rows = await client.listSubscriptions({ customerId, signal })
      return rows.map((row) => ({
        id: row.subscription_id,
        name: row.name,
        status: row.status,
        startDate: row.start_date ?? undefined,
        finishDate: row.finish_date ?? undefined,
        fee: amountOf(row.effective_fee),
        currency: row.iso_4217 ?? undefined,
      }))
    },
  }
}

/**
 * `POST /signup`, then the account CarrierDesk keeps for it (user name, password for the keychain). A lost
 * answer is settled by logging in with the new credentials: a login that works means the account exists.
 */
export async function signupCall48(options: { baseUrl: string; input: SignupInput; signal: AbortSignal }): Promise<SignupResult> {
  const input = SignupSchema.parse(options.input)
  const account = { settings: { username: input.username }, secrets: { password: input.password } }
  const client = new Call48Client({ settings: { baseUrl: options.baseUrl, username: input.username }, secrets: { password: input.password } })
  try {
    await client.signup({ ...input, signal: options.signal })
    return { created: true, message: `Call48 opened the account ${input.username}`, ...account }
  } catch (error) {
    if (!isAmbiguous(error)) throw error
    try {
      await client.login({ signal: settlingSignal() })
      return { created: true, checkedAfterFailure: true, message: `The answer was lost, but ${input.username} can log in: the account exists`, ...account }
    } catch (loginError) {
      if (loginError instanceof AppError && loginError.code === 'auth') {
        return { created: false, checkedAfterFailure: true, message: `Call48 did not open the account: ${messageOf(error)}`, ...account }
      }
      return {
        created: false,
        outcomeUnknown: true,
        message: `Signing up ended unclearly (${messageOf(error)}) and logging in to check failed (${messageOf(loginError)}); check with Call48 before signing up again`,
        ...account,
      }
    }
  }
}
