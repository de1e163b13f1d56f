/**
 * CSV exports: streamed row by row to `<dataDir>/exports/<name>-<time>.csv` through a `.part` file renamed
 * when complete, so a failed or cancelled export never looks finished. Times are formatted in the zone the
 * technician works in.
 */
import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { stringify } from 'csv-stringify'
import { AppError } from '../lib/app-error'

/** A formatter for epoch-ms times in `timeZone` ("2026-11-21 22:30:00 GMT-5"), or a validation error. */
export function zonedTimeFormat(timeZone: string): (epochMs: number) => string {
  try {
    const format = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'short',
    })
    return (epochMs) => format.format(epochMs)
  } catch {
    throw new AppError('validation', `Unknown time zone ${timeZone}`, { fields: { timeZone: 'Unknown time zone' } })
  }
}

export async function writeCsvExport(options: {
  dataDir: string
  /** The folder under the data dir: `exports` (default), or `downloads` for a carrier's own file. */
  dir?: 'exports' | 'downloads'
  name: string
  now: number
  columns: string[]
  rows: Iterable<Record<string, string>>
  signal: AbortSignal
}): Promise<{ file: string; rows: number }> {
  const stamp = new Date(options.now).toISOString().replace(/[:.]/g, '-')
  const dir = join(options.dataDir, options.dir ?? 'exports')
  await mkdir(dir, { recursive: true })
  const file = join(dir, `${options.name}-${stamp}.csv`)
  const part = `${file}.part`
  const csv = stringify({ header: true, columns: options.columns })
  const out = createWriteStream(part)
  csv.pipe(out)
  let rows = 0
  try {
    for (const record of options.rows) {
      if (options.signal.aborted) throw new AppError('cancelled', 'Export cancelled')
      if (!csv.write(record)) await new Promise((resolve) => csv.once('drain', resolve))
      rows += 1
    }
    csv.end()
    await finished(out)
    await rename(part, file)
  } catch (error) {
    csv.destroy()
    out.destroy()
    await rm(part, { force: true })
    throw error
  }
  return { file, rows }
}
