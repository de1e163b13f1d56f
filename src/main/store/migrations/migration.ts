/** What a migration is: one step of the schema, applied once, in order of its version. */
import type { Db } from '../database'

export interface Migration {
  /** The `user_version` the database has once this migration is applied: 1 for the first, consecutive. */
  version: number
  name: string
  /** The step as SQL, or as code when it must transform data row by row. */
  sql?: string
  up?(db: Db): void
}
