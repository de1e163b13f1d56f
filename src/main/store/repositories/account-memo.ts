/** SQL for the small per-account facts a carrier client remembers (JSON values, never secrets). */
import type { Db } from '../database'

export class AccountMemoRepository {
  constructor(private readonly db: Db) {}

  get(accountId: string, key: string): unknown {
    const row = this.db.prepare('SELECT value FROM account_memo WHERE account_id = ? AND key = ?').get(accountId, key) as
      | { value: string }
      | undefined
    return row === undefined ? undefined : (JSON.parse(row.value) as unknown)
  }

  set(accountId: string, key: string, value: unknown): void {
    this.db
      .prepare(
        `INSERT INTO account_memo (account_id, key, value) VALUES (?, ?, ?)
         ON CONFLICT (account_id, key) DO UPDATE SET value = excluded.value`,
      )
      .run(accountId, key, JSON.stringify(value ?? null))
  }
}
