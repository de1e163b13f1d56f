/** SQL for saved views: a named set of filters, sort and columns per screen. */
import type { SavedView } from '../../../shared/ipc-shared'
import type { Db } from '../database'

interface SavedViewRecord {
  id: number
  screen: string
  name: string
  view: string
  updated_at: number
}

const fromRecord = (r: SavedViewRecord): SavedView => ({
  id: r.id,
  screen: r.screen,
  name: r.name,
  view: JSON.parse(r.view) as unknown,
  updatedAt: r.updated_at,
})

export class SavedViewsRepository {
  constructor(private readonly db: Db) {}

  list(screen: string): SavedView[] {
    return (this.db.prepare('SELECT * FROM saved_views WHERE screen = ? ORDER BY name').all(screen) as SavedViewRecord[]).map(
      fromRecord,
    )
  }

  /** Saves a view by name, replacing one of the same name on the same screen. */
  save(view: { screen: string; name: string; view: unknown; now: number }): SavedView {
    const record = this.db
      .prepare(
        `INSERT INTO saved_views (screen, name, view, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (screen, name) DO UPDATE SET view = excluded.view, updated_at = excluded.updated_at
         RETURNING *`,
      )
      .get(view.screen, view.name, JSON.stringify(view.view), view.now) as SavedViewRecord
    return fromRecord(record)
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM saved_views WHERE id = ?').run(id).changes > 0
  }
}
