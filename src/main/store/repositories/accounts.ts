/** SQL for carrier accounts: the non-secret settings and which secret keys the keychain holds. */
import type { AccountSettings, CarrierId, Environment, SecretKey } from '../../../shared/domain'
import type { Db } from '../database'

export interface AccountRow extends AccountSettings {
  id: string
  storedSecrets: SecretKey[]
  createdAt: number
  updatedAt: number
}

interface AccountRecord {
  id: string
  carrier: CarrierId
  name: string
  base_url: string
  environment: Environment
  username: string | null
  account_no: string | null
  client_id: string | null
  scope: string | null
  stored_secrets: string
  created_at: number
  updated_at: number
}

const fromRecord = (record: AccountRecord): AccountRow => ({
  id: record.id,
  carrier: record.carrier,
  name: record.name,
  baseUrl: record.base_url,
  environment: record.environment,
  username: record.username ?? undefined,
  accountNo: record.account_no ?? undefined,
  clientId: record.client_id ?? undefined,
  scope: record.scope ?? undefined,
  storedSecrets: JSON.parse(record.stored_secrets) as SecretKey[],
  createdAt: record.created_at,
  updatedAt: record.updated_at,
})

const toParams = (row: AccountRow) => ({
  id: row.id,
  carrier: row.carrier,
  name: row.name,
  base_url: row.baseUrl,
  environment: row.environment,
  username: row.username ?? null,
  account_no: row.accountNo ?? null,
  client_id: row.clientId ?? null,
  scope: row.scope ?? null,
  stored_secrets: JSON.stringify(row.storedSecrets),
  created_at: row.createdAt,
  updated_at: row.updatedAt,
})

export class AccountsRepository {
  constructor(private readonly db: Db) {}

  list(): AccountRow[] {
    const records = this.db.prepare('SELECT * FROM accounts ORDER BY name COLLATE NOCASE').all() as AccountRecord[]
    return records.map(fromRecord)
  }

  get(id: string): AccountRow | undefined {
    const record = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRecord | undefined
    return record && fromRecord(record)
  }

  findByName(name: string): AccountRow | undefined {
    const record = this.db.prepare('SELECT * FROM accounts WHERE name = ? COLLATE NOCASE').get(name) as
      | AccountRecord
      | undefined
    return record && fromRecord(record)
  }

  insert(row: AccountRow): void {
    this.db
      .prepare(
        `INSERT INTO accounts (id, carrier, name, base_url, environment, username, account_no, client_id, scope,
           stored_secrets, created_at, updated_at)
         VALUES (@id, @carrier, @name, @base_url, @environment, @username, @account_no, @client_id, @scope,
           @stored_secrets, @created_at, @updated_at)`,
      )
      .run(toParams(row))
  }

  update(row: AccountRow): void {
    this.db
      .prepare(
        `UPDATE accounts SET name = @name, base_url = @base_url, environment = @environment, username = @username,
           account_no = @account_no, client_id = @client_id, scope = @scope, stored_secrets = @stored_secrets,
           updated_at = @updated_at
         WHERE id = @id`,
      )
      .run(toParams(row))
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id).changes > 0
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n
  }
}
