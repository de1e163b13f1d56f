/** SQL for carrier accounts: the common fields, the carrier's settings (JSON), which secret keys the keychain holds. */
import type { AccountBase, CarrierSettings, Environment, SecretKey } from '../../../shared/domain'
import type { Db } from '../database'

export interface AccountRow extends AccountBase {
  id: string
  /** The carrier's own settings, as its adapter's schema accepted them. */
  settings: CarrierSettings
  storedSecrets: SecretKey[]
  createdAt: number
  updatedAt: number
}

/** A row to insert; an account whose carrier takes no settings may leave them out. */
export type NewAccountRow = Omit<AccountRow, 'settings'> & { settings?: CarrierSettings | undefined }

interface AccountRecord {
  id: string
  carrier: string
  name: string
  base_url: string
  environment: Environment
  settings: string
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
  settings: JSON.parse(record.settings) as CarrierSettings,
  storedSecrets: JSON.parse(record.stored_secrets) as SecretKey[],
  createdAt: record.created_at,
  updatedAt: record.updated_at,
})

const toParams = (row: NewAccountRow) => ({
  id: row.id,
  carrier: row.carrier,
  name: row.name,
  base_url: row.baseUrl,
  environment: row.environment,
  settings: JSON.stringify(row.settings ?? {}),
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

  insert(row: NewAccountRow): void {
    this.db
      .prepare(
        `INSERT INTO accounts (id, carrier, name, base_url, environment, settings, stored_secrets, created_at, updated_at)
         VALUES (@id, @carrier, @name, @base_url, @environment, @settings, @stored_secrets, @created_at, @updated_at)`,
      )
      .run(toParams(row))
  }

  update(row: AccountRow): void {
    this.db
      .prepare(
        `UPDATE accounts SET name = @name, base_url = @base_url, environment = @environment, settings = @settings,
           stored_secrets = @stored_secrets, updated_at = @updated_at
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
