/**
 * Opens the CarrierDesk database: WAL, foreign keys, and the migrations applied in one transaction.
 *
 * A database written by a newer CarrierDesk (a `user_version` beyond our migrations) is refused before
 * anything is written, so an older build can never damage a newer user's cache.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '../lib/app-error'
import { migrations as defaultMigrations, type Migration } from './migrations'

export type Db = Database.Database

export interface OpenDatabaseOptions {
  path: string
  migrations?: readonly Migration[]
}

export function openDatabase({ path, migrations = defaultMigrations }: OpenDatabaseOptions): Db {
  mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  try {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > migrations.length) {
      throw new AppError(
        'conflict',
        `This database was written by a newer version of CarrierDesk (schema ${version}; this version knows ${migrations.length}). Update CarrierDesk or choose another data directory.`,
        { path, schemaVersion: version, supportedVersion: migrations.length },
      )
    }
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
    // Room for the numbers cache's hot pages and indexes (a sync's merge and a sorted page both walk
    // B-trees far larger than the 2 MiB default), and reads straight from the mapped file. Both are caps:
    // memory is taken as pages are used. Temporary tables (a sync's stage) stay on disk.
    db.pragma('cache_size = -65536')
    db.pragma('mmap_size = 268435456')
    if (version < migrations.length) {
      db.transaction(() => {
        for (const migration of migrations.slice(version)) db.exec(migration.sql)
        db.pragma(`user_version = ${migrations.length}`)
      }).immediate()
    }
    return db
  } catch (error) {
    db.close()
    throw error
  }
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
