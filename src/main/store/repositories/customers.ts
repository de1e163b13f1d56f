/** SQL for the cached customers (sub-accounts) of each account: replaced whole by a sync, one upserted after a create. */
import type { Customer } from '../../../shared/customers'
import type { CarrierId } from '../../../shared/domain'
import type { Db } from '../database'

interface CustomerRow {
  account_id: string
  id: number
  carrier: CarrierId
  ref: number | null
  login: string
  name: string | null
  company: string | null
  email: string | null
  status: string | null
  active: number | null
  credit_limit: number | null
  credit_limit_warning: number | null
  created_at: string | null
  as_of: number
  raw: string
}

const customerOf = (row: CustomerRow): Customer => ({
  accountId: row.account_id,
  carrier: row.carrier,
  id: row.id,
  ref: row.ref ?? undefined,
  login: row.login,
  name: row.name ?? undefined,
  company: row.company ?? undefined,
  email: row.email ?? undefined,
  status: row.status ?? undefined,
  active: row.active === null ? undefined : row.active === 1,
  creditLimit: row.credit_limit ?? undefined,
  creditLimitWarning: row.credit_limit_warning ?? undefined,
  createdAt: row.created_at ?? undefined,
  asOf: row.as_of,
  raw: JSON.parse(row.raw) as unknown,
})

export class CustomersRepository {
  constructor(private readonly db: Db) {}

  /** Replaces the account's customers (call inside a transaction to keep it with other parts). */
  replaceFor(accountId: string, customers: Customer[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM customers WHERE account_id = ?').run(accountId)
      for (const customer of customers) this.upsert({ ...customer, accountId })
    })()
  }

  upsert(customer: Customer): void {
    this.db
      .prepare(
        `INSERT INTO customers (account_id, id, carrier, ref, login, name, company, email, status, active, credit_limit, credit_limit_warning, created_at, as_of, raw)
         VALUES (@account_id, @id, @carrier, @ref, @login, @name, @company, @email, @status, @active, @credit_limit, @credit_limit_warning, @created_at, @as_of, @raw)
         ON CONFLICT (account_id, id) DO UPDATE SET carrier = excluded.carrier, ref = excluded.ref, login = excluded.login, name = excluded.name,
           company = excluded.company, email = excluded.email, status = excluded.status, active = excluded.active,
           credit_limit = excluded.credit_limit, credit_limit_warning = excluded.credit_limit_warning,
           created_at = excluded.created_at, as_of = excluded.as_of, raw = excluded.raw`,
      )
      .run({
        account_id: customer.accountId,
        id: customer.id,
        carrier: customer.carrier,
        ref: customer.ref ?? null,
        login: customer.login,
        name: customer.name ?? null,
        company: customer.company ?? null,
        email: customer.email ?? null,
        status: customer.status ?? null,
        active: customer.active === undefined ? null : customer.active ? 1 : 0,
        credit_limit: customer.creditLimit ?? null,
        credit_limit_warning: customer.creditLimitWarning ?? null,
        created_at: customer.createdAt ?? null,
        as_of: customer.asOf,
        raw: JSON.stringify(customer.raw ?? null),
      })
  }

  list(accountId?: string): Customer[] {
    const rows = (
      accountId === undefined
        ? this.db.prepare('SELECT * FROM customers ORDER BY account_id, login').all()
        : this.db.prepare('SELECT * FROM customers WHERE account_id = ? ORDER BY login').all(accountId)
    ) as CustomerRow[]
    return rows.map(customerOf)
  }

  get(accountId: string, id: number): Customer | undefined {
    const row = this.db.prepare('SELECT * FROM customers WHERE account_id = ? AND id = ?').get(accountId, id) as CustomerRow | undefined
    return row === undefined ? undefined : customerOf(row)
  }
}
