/**
 * Opens the CarrierDesk database: WAL, foreign keys, and the migrations applied in one transaction.
 *
 * A database written by a newer CarrierDesk (a `user_version` beyond our migrations) is refused before
 * anything is written, so an older build can never damage a newer user's cache. The version is read again
 * inside the migrating transaction (an immediate one, so one process migrates at a time): two processes
 * opening a new database at once both find it migrated by whichever got there first.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '../lib/app-error'
import { checkedMigrations, migrations as defaultMigrations, type Migration } from './migrations'

export type Db = Database.Database

export interface OpenDatabaseOptions {
  path: string
  migrations?: readonly Migration[]
  /** Refuse to create it: a second connection (a sync worker's) must find the file the first one opened. */
  mustExist?: boolean
  /**
   * For a connection writing beside others (a sync worker's): every transaction takes the write lock as it
   * begins, waiting up to `busyTimeoutMs` for it. A deferred transaction that reads and then writes fails at
   * once (SQLITE_BUSY, "database is locked", no waiting) when another connection committed after its read.
   */
  sharedWriter?: { busyTimeoutMs: number }
}

/** How long a writer beside others waits for the write lock: another account's commit may take this long. */
export const sharedWriterWaitMs = 120_000

export function openDatabase({ path, migrations: given = defaultMigrations, mustExist = false, sharedWriter }: OpenDatabaseOptions): Db {
  const migrations = checkedMigrations(given)
  const latest = migrations.at(-1)?.version ?? 0
  if (!mustExist) mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path, { fileMustExist: mustExist })
  try {
    // First, so the pragmas below and the migration wait for another process rather than fail busy.
    db.pragma(`busy_timeout = ${sharedWriter?.busyTimeoutMs ?? 5000}`)
    refuseNewer(db, path, latest)
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('synchronous = NORMAL')
    // Room for the numbers cache's hot pages and indexes (a sync's merge and a sorted page both walk
    // B-trees far larger than the 2 MiB default), and reads straight from the mapped file. Both are caps:
    // memory is taken as pages are used. Temporary tables (a sync's stage) stay on disk.
    if (sharedWriter) {
      // A sync worker's connection is one of several in the process (one per syncing account): a smaller
      // cache, a small one for its stage (appended to, then read once in order) and no map, so four workers
      // do not each hold their own copy of the same pages (1,000,000 numbers: 1 GB peak RSS became 0.45 GB).
      db.pragma('cache_size = -16384')
      db.pragma('temp.cache_size = -4096')
      db.pragma('mmap_size = 0')
    } else {
      db.pragma('cache_size = -65536')
      db.pragma('mmap_size = 268435456')
    }
    if (userVersion(db) < latest) {
      db.transaction(() => {
        // Read again under the write lock: another process may have migrated since the check above.
        const current = refuseNewer(db, path, latest)
        for (const migration of migrations.filter((each) => each.version > current)) {
          if (migration.up) migration.up(db)
          else db.exec(migration.sql ?? '')
          db.pragma(`user_version = ${migration.version}`)
        }
      }).immediate()
    }
    if (sharedWriter) immediateTransactions(db)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/** Makes `db.transaction(fn)()` run as `.immediate()` (see OpenDatabaseOptions.sharedWriter). */
function immediateTransactions(db: Db): void {
  const transaction = db.transaction.bind(db)
  db.transaction = ((fn: (...args: never[]) => unknown) => {
    const made = transaction(fn)
    return Object.assign((...args: never[]) => made.immediate(...args), {
      default: made.immediate,
      deferred: made.deferred,
      immediate: made.immediate,
      exclusive: made.exclusive,
    })
  }) as Db['transaction']
}

const userVersion = (db: Db): number => db.pragma('user_version', { simple: true }) as number

/** The database's schema version, or a `conflict` when a newer CarrierDesk wrote it. */
function refuseNewer(db: Db, path: string, latest: number): number {
  const version = userVersion(db)
  if (version > latest) {
    throw new AppError(
      'conflict',
      `This database was written by a newer version of CarrierDesk (schema ${version}; this version knows ${latest}). Update CarrierDesk or choose another data directory.`,
      { path, schemaVersion: version, supportedVersion: latest },
    )
  }
  return version
}

/**
 * Reads for long streaming work (exports, the CLI's full listing) through a read-only connection of their
 * own, opened when the first row is asked for and closed when the caller stops (done, broken off or failed).
 *
 * A statement left open on the main connection while its caller awaits (a CSV stream draining) keeps that
 * connection busy, and every write beside it (notes, a sync's pages) fails. A second connection to the same
 * WAL database reads one consistent snapshot, taken at its first read, while writers go on; the cost is
 * that checkpoints cannot pass the snapshot until it closes, so the WAL may grow meanwhile.
 */
export function* readSnapshot<T>(db: Db, read: (reader: Db) => Iterable<T>): Generator<T> {
  const reader = new Database(db.name, { readonly: true, fileMustExist: true })
  try {
    reader.pragma('busy_timeout = 5000')
    reader.pragma('cache_size = -16384')
    reader.pragma('mmap_size = 268435456')
    // One transaction for every read of this snapshot (a lookup first, then the rows).
    reader.exec('BEGIN')
    yield* read(reader)
  } finally {
    reader.close()
  }
}
