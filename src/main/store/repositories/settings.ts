/** SQL for the app's settings: the values the user changed, as JSON, by key. */
import type { Db } from '../database'

export class SettingsRepository {
  constructor(private readonly db: Db) {}

  /** Every stored value, parsed; the caller checks them against the current descriptors. */
  all(): Record<string, unknown> {
    const rows = this.db.prepare('SELECT key, value FROM app_settings').all() as { key: string; value: string }[]
    return Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]))
  }

  /** Stores the given values in one transaction. */
  set(values: Record<string, unknown>, now: number): void {
    const upsert = this.db.prepare(
      `INSERT INTO app_settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(values)) upsert.run(key, JSON.stringify(value), now)
    })()
  }
}
