/**
 * Call48 account and customer endpoints: `POST /signup`, `GET /payment`, customers (`GET`/`PUT /customers`)
 * and their features: simultaneous calls, call parking, discount plans, RTP, paging and subscriptions.
 * Answers follow each doc sample, several of which have no `code` (e.g. `{error, data: {i_customer}}`).
 */
import { z } from 'zod'
import type { Router } from '../kit/http'
import { hash32 } from '../kit/random'
import { badRequest, bare, jsonBody, notFound, parseWith, queryObject, refused } from './envelope'
import { apiBase, type Call48World } from './world'

interface CustomerFeatures {
  simultaneousCalls?: { limitsimulcalls: string; simulmaxcallsin: number; simulmaxcallsout: number; simulmaxcalls: number }
  callParking?: Record<string, unknown>
  discountPlans: number[]
  rtp?: string
  paging?: string
}

interface Customer {
  record: Record<string, unknown>
  features: CustomerFeatures
}

const discountPlans = [
  { is_used: 1, reset_period: 'Billing-period', dest_group_set_name: 'US-Canada', iso_4217: 'USD', managed_by: null, name: '1000 Free Minutes', description: '1000 Free Minutes for Business Plan', destination_lookup: 'N', i_dest_group_set: 6, shared: 'Y', i_customer: null, i_vd_plan: 18 },
  { is_used: 1, reset_period: 'Billing-period', dest_group_set_name: 'US-Canada', iso_4217: 'USD', managed_by: null, name: '1500 Free Minutes', description: '1500 Free Minutes for Business Basic Plan', destination_lookup: 'N', i_dest_group_set: 6, shared: 'Y', i_customer: null, i_vd_plan: 4 },
  { is_used: 0, reset_period: 'Monthly', dest_group_set_name: 'International', iso_4217: 'USD', managed_by: null, name: 'Intl Saver', description: '10% off international destinations', destination_lookup: 'Y', i_dest_group_set: 9, shared: 'N', i_customer: null, i_vd_plan: 27 },
]

const Required = z.string().trim().min(1)
const SignupSchema = z.object({
  firstname: Required,
  lastname: Required,
  company: Required,
  address: Required,
  city: Required,
  country: Required,
  state: Required,
  username: Required,
  password: z.string().min(6),
  confirmpassword: z.string(),
  email: z.string().email(),
  phone: z.coerce.string().regex(/^\d{10,15}$/, 'phone must be 10 to 15 digits'),
  terms: z.coerce.number().refine((value) => value === 1, 'terms must be accepted (1)'),
})

const CreateCustomerSchema = z.object({
  portaClass: z.coerce.number().int(),
  username: Required,
  creditLimit: z.coerce.number().min(0),
  creditLimitWarning: z.coerce.number().min(0),
  email: z.string().email(),
  password: z.string().min(6),
  salutation: Required,
  firstname: Required,
  lastname: Required,
  address: Required,
  address2: z.string().optional(),
  city: Required,
  zip: Required,
  state: z.string().optional(),
  country: Required,
  companyname: z.string().optional(),
  portaCurrency: z.string().length(3),
  portaBcc: Required,
  phone: z.coerce.string().optional(),
})

const CustomerId = z.coerce.number().int()
const SimultaneousSchema = z.object({
  id: CustomerId,
  limitsimulcalls: z.enum(['yes', 'no']),
  simulmaxcallsin: z.coerce.number().int().min(0),
  simulmaxcallsout: z.coerce.number().int().min(0),
  simulmaxcalls: z.coerce.number().int().min(0),
})
const DiscountPlanSchema = z.object({ id: CustomerId, i_vd_plan: z.coerce.number().int() })
const RtpSchema = z.object({ id: CustomerId, rtp: z.enum(['N', '0', '1', '2', '3']) })
const PagingSchema = z.object({ id: CustomerId, paging: z.string().transform((value) => value.toLowerCase()).pipe(z.enum(['yes', 'no'])) })
// The doc lists no parameters for call parking; the customer `id` (as its sibling endpoints take) is required.
const CallParkingSchema = z.looseObject({ id: CustomerId })

export function registerCustomers(router: Router, world: Call48World): void {
  const { guard } = world.auth
  const { context } = world
  const customers: Customer[] = []
  const iso = (at: number): string => new Date(at).toISOString()

  function addCustomer(fields: Record<string, unknown>): Customer {
    const accountId = 24 + customers.length
    const customer: Customer = {
      record: {
        account_id: accountId,
        i_customer: 63_760 + accountId,
        is_active: true,
        iso_4217: 'USD',
        status: 'approved',
        city: null,
        state: null,
        country: null,
        jerasoft_id: 1011 + accountId,
        porta_cid: 64_711 + accountId,
        credit_limit: '500.00000',
        credit_limit_warning: '100.00000',
        account_pid: 11,
        porta_class_id: 2348,
        zip: null,
        creation_date: iso(context.clock.now()),
        blocked: 'N',
        baddr1: null,
        baddr2: null,
        i_customer_type: 1,
        bcc: null,
        ...fields,
      },
      features: { discountPlans: [] },
    }
    customers.push(customer)
    return customer
  }

  const seededAt = context.clock.now() - 120 * 86_400_000
  for (const [login, first, last, company] of [
    ['friday_night_lights', 'friday night', 'lights', 'MK_PP'],
    ['reg_user_test', 'register', 'user', 'MK_PP'],
    ['acme_voice', 'Ada', 'Acme', 'Acme Voice LLC'],
  ] as const) {
    const n = customers.length
    addCustomer({
      login,
      phone1: `77575${String(hash32(context.seed, n) % 100_000).padStart(5, '0')}`,
      email: `${login}@example.com`,
      firstname: first,
      lastname: last,
      salutation: 'Company',
      companyname: company,
      creation_date: iso(seededAt + n * 86_400_000),
      bcc: 'billing@example.com',
    })
  }

  function customer(id: number): Customer {
    const found = customers.find((entry) => entry.record.account_id === id)
    if (!found) throw notFound(`Customer ${id} not found`)
    return found
  }
  const answered = (found: Customer) => bare({ error: null, data: { i_customer: found.record.i_customer } })

  router.add('POST', `${apiBase}/signup`, (request) => {
    const input = parseWith(SignupSchema, jsonBody(request))
    if (input.password !== input.confirmpassword) throw badRequest('confirmpassword does not match password')
    if (world.auth.hasUser(input.username)) throw refused(`Username ${input.username} is already taken`)
    world.auth.addUser(input.username, input.password)
    world.record('signup', { username: input.username, company: input.company, country: input.country })
    // The doc's sample answers the string "true".
    return bare({ error: null, data: 'true' })
  })

  router.add(
    'GET',
    `${apiBase}/payment`,
    guard((request, user) => {
      const raw = queryObject(request).amount
      const amount = Number(raw)
      if (raw === undefined || raw.trim() === '' || !Number.isFinite(amount)) throw badRequest('amount is required')
      if (amount <= 20) throw refused('Amount must be greater than $20.00')
      world.record('payment', { amount: amount.toFixed(2), user: user.userName })
      return bare({ error: null, data: 'true' })
    }),
  )

  router.add(
    'GET',
    `${apiBase}/customers`,
    guard(() => bare({ error: null, total: customers.length, data: customers.map((entry) => entry.record) })),
  )

  router.add(
    'PUT',
    `${apiBase}/customers`,
    guard((request) => {
      const input = parseWith(CreateCustomerSchema, jsonBody(request))
      if (customers.some((entry) => entry.record.login === input.username)) throw refused(`Username ${input.username} is already taken`)
      const created = addCustomer({
        login: input.username,
        phone1: input.phone ?? null,
        email: input.email,
        firstname: input.firstname,
        lastname: input.lastname,
        salutation: input.salutation,
        companyname: input.companyname ?? 'Sandbox Call48',
        city: input.city,
        state: input.state ?? null,
        country: input.country,
        zip: input.zip,
        credit_limit: input.creditLimit.toFixed(5),
        credit_limit_warning: input.creditLimitWarning.toFixed(5),
        porta_class_id: input.portaClass,
        iso_4217: input.portaCurrency,
        baddr1: input.address,
        baddr2: input.address2 ?? null,
        bcc: input.portaBcc,
      })
      world.record('customer-create', { account_id: created.record.account_id, username: input.username })
      return bare({ error: null, data: true, code: 200 })
    }),
  )

  router.add(
    'PUT',
    `${apiBase}/limitsimulcalls`,
    guard((request) => {
      const input = parseWith(SimultaneousSchema, jsonBody(request))
      const found = customer(input.id)
      if (input.limitsimulcalls === 'yes' && (input.simulmaxcallsin > input.simulmaxcalls || input.simulmaxcallsout > input.simulmaxcalls)) {
        throw badRequest('simulmaxcallsin and simulmaxcallsout cannot exceed simulmaxcalls')
      }
      const { id: _id, ...limits } = input
      found.features.simultaneousCalls = limits
      world.record('limit-simultaneous-calls', { account_id: input.id, ...limits })
      return answered(found)
    }),
  )

  router.add(
    'POST',
    `${apiBase}/callparking`,
    guard((request) => {
      const input = parseWith(CallParkingSchema, jsonBody(request))
      const found = customer(input.id)
      const { id: _id, ...settings } = input
      found.features.callParking = settings
      world.record('call-parking', { account_id: input.id, ...settings })
      return answered(found)
    }),
  )

  router.add('GET', `${apiBase}/discountplan`, guard(() => bare({ error: null, data: discountPlans })))

  router.add(
    'POST',
    `${apiBase}/discountplan`,
    guard((request) => {
      const input = parseWith(DiscountPlanSchema, jsonBody(request))
      const found = customer(input.id)
      if (!discountPlans.some((plan) => plan.i_vd_plan === input.i_vd_plan)) throw notFound(`Discount plan ${input.i_vd_plan} not found`)
      if (found.features.discountPlans.includes(input.i_vd_plan)) throw refused(`Discount plan ${input.i_vd_plan} is already assigned`)
      found.features.discountPlans.push(input.i_vd_plan)
      world.record('discount-plan-add', { account_id: input.id, i_vd_plan: input.i_vd_plan })
      return answered(found)
    }),
  )

  router.add(
    'POST',
    `${apiBase}/rtp`,
    guard((request) => {
      const input = parseWith(RtpSchema, jsonBody(request))
      const found = customer(input.id)
      found.features.rtp = input.rtp
      world.record('rtp', { account_id: input.id, rtp: input.rtp })
      return answered(found)
    }),
  )

  router.add(
    'POST',
    `${apiBase}/paging`,
    guard((request) => {
      const input = parseWith(PagingSchema, jsonBody(request))
      const found = customer(input.id)
      found.features.paging = input.paging
      world.record('paging', { account_id: input.id, paging: input.paging })
      return answered(found)
    }),
  )

  router.add(
    'GET',
    `${apiBase}/subscriptions`,
    guard((request) => {
      const raw = queryObject(request).id
      if (raw === undefined || raw === '') throw badRequest('id is required')
      const found = customer(Number(raw))
      const accountId = Number(found.record.account_id)
      const data = [0, 1].map((n) => {
        const start = new Date(seededAt + (n * 30 + (hash32(context.seed, accountId, n) % 20)) * 86_400_000)
        const finished = n === 0
        const finish = new Date(start.getTime() + 30 * 86_400_000)
        const day = (date: Date): string => date.toISOString().slice(0, 10)
        return {
          subscription_id: 23 + n,
          i_subscription: 3490 + n,
          i_customer_subscription: 6479 + accountId * 2 + n,
          name: n === 0 ? 'Sandbox DID Bundle' : 'Sandbox Trunk Plan',
          discount_rate: 0,
          assigned_id: accountId,
          created_by: 192,
          iso_4217: 'USD',
          start_date: day(start),
          finish_date: finished ? day(finish) : null,
          mongo_id: null,
          mongo_uid: null,
          mongo_cid: null,
          status: finished ? 'close' : 'open',
          pending_msg: null,
          created_at: start.toISOString(),
          updated_at: (finished ? finish : start).toISOString(),
          activation_date: day(start),
          int_status: finished ? 2 : 1,
          generate_daily_charge: 'N',
          effective_fee: 7 + n * 5,
          discount_list: [],
          next_effective_fee: 7 + n * 5,
          billed_to: day(finished ? finish : new Date(context.clock.now())),
          has_discount: 0,
          is_finished: finished ? 'Y' : 'N',
          invoice_description: n === 0 ? 'Sandbox DID Bundle' : 'Sandbox Trunk Plan',
          rounding: 2,
          i_customer: found.record.i_customer,
        }
      })
      return bare({ error: null, data })
    }),
  )
}
