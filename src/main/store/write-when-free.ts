/**
 * A short write that never waits inside SQLite. A connection's busy_timeout waits by blocking its thread,
 * so on the thread that answers the window a write meeting another connection's long commit (a sync
 * worker's, seconds for a large first sync) froze every read for as long as it waited, then failed. Here
 * the write is tried with no wait and, while the database is locked, tried again after a pause that
 * leaves the thread free, until `timeoutMs` has passed; then the last "database is locked" is thrown.
 */
import { sharedWriterWaitMs, type Db } from './database'

export interface WriteWhenFreeOptions {
  /** How long to keep trying; by default as long as a sync worker waits for the lock (sharedWriterWaitMs). */
  timeoutMs?: number
}

const firstPauseMs = 5
const longestPauseMs = 100

export async function writeWhenFree<T>(db: Db, write: () => T, { timeoutMs = sharedWriterWaitMs }: WriteWhenFreeOptions = {}): Promise<T> {
  const giveUpAt = Date.now() + timeoutMs
  let pauseMs = firstPauseMs
  for (;;) {
    try {
      return withoutWaiting(db, write)
    } catch (error) {
      if (!isBusy(error) || Date.now() >= giveUpAt) throw error
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs))
    pauseMs = Math.min(pauseMs * 2, longestPauseMs)
  }
}

function withoutWaiting<T>(db: Db, write: () => T): T {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number
  db.pragma('busy_timeout = 0')
  try {
    return write()
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`)
  }
}

/** SQLITE_BUSY and its extended codes (better-sqlite3 reports the extended one when there is one). */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}
