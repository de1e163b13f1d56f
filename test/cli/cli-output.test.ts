/**
 * `carrierdesk numbers list` into a real pipe, as a script or a cron job reads it: every row arrives, the
 * JSON parses, `--ndjson` gives one number per line, and a reader that stops early (`| head`) ends the
 * command quietly. 200,000 numbers are written straight into the data directory's SQLite through the
 * store's sync path (no carrier needed to list a cache).
 */
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseFile } from '../../src/main/core/paths'
import { openStore } from '../../src/main/store/store'
import { insertAccounts, makeNumbers, syncThroughStore, type BenchAccount } from '../bench/fixtures'
import { cliBin as bin } from '../helpers/cli-sandbox'
import { tempDir } from '../helpers/temp'

const data = tempDir('carrierdesk-cli-output-')
const account: BenchAccount = { id: 'acc-pipe', carrier: 'vitcom', name: 'Pipe Vitcom' }
const count = 200_000

interface Finished {
  code: number | null
  stdout: Buffer
  stderr: string
}

/** Runs the built CLI with stdout on a pipe, reading it to the end as it comes (or only `maxBytes` of it). */
function runPiped(args: string[], maxBytes = Number.POSITIVE_INFINITY): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '--data-dir', data.path, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    let size = 0
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      size += chunk.length
      // A reader that has what it wants and goes away, as `| head -c N` does.
      if (size >= maxBytes) child.stdout.destroy()
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(chunks), stderr }))
  })
}

describe('numbers list through a pipe', () => {
  let expected: string[] = []

  beforeAll(() => {
    const store = openStore(databaseFile(data.path))
    try {
      insertAccounts(store, [account])
      const rows = makeNumbers(account, count, { seed: 12, asOf: Date.UTC(2026, 10, 1) })
      syncThroughStore(store, account.id, rows, Date.UTC(2026, 10, 1))
      expected = rows.map((row) => row.e164).sort()
    } finally {
      store.close()
    }
  }, 60_000)
  afterAll(() => data.remove())

  it('--json gives one parseable object with every row and the total', async () => {
    const result = await runPiped(['--json', 'numbers', 'list', '--limit', String(count)])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const page = JSON.parse(result.stdout.toString('utf8')) as { total: number; rows: { e164: string; accountName: string }[] }
    expect(page.total).toBe(count)
    expect(page.rows).toHaveLength(count)
    expect(page.rows.map((row) => row.e164)).toEqual(expected)
    expect(page.rows[0]).toMatchObject({ accountId: account.id, accountName: account.name, carrier: 'vitcom' })
  }, 60_000)

  it('--ndjson gives one JSON number per line, every row', async () => {
    const result = await runPiped(['numbers', 'list', '--ndjson', '--limit', String(count)])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const lines = result.stdout.toString('utf8').split('\n')
    expect(lines.pop()).toBe('')
    expect(lines).toHaveLength(count)
    const first = JSON.parse(lines[0]!) as { e164: string }
    const last = JSON.parse(lines.at(-1)!) as { e164: string }
    expect([first.e164, last.e164]).toEqual([expected[0], expected.at(-1)])
  }, 60_000)

  it('keeps --offset and --limit and the human listing', async () => {
    const json = await runPiped(['--json', 'numbers', 'list', '--offset', '1000', '--limit', '50'])
    const page = JSON.parse(json.stdout.toString('utf8')) as { total: number; rows: { e164: string }[] }
    expect(page).toMatchObject({ total: count })
    expect(page.rows.map((row) => row.e164)).toEqual(expected.slice(1000, 1050))
    const text = await runPiped(['numbers', 'list', '--limit', '3'])
    expect(text.code).toBe(0)
    const lines = text.stdout.toString('utf8').trimEnd().split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]!.split('\t')[0]).toBe(expected[0])
    expect(lines[3]).toBe(`3 of ${count}`)
  }, 60_000)

  it('stops quietly when the reader closes the pipe early (exit 141, no stack)', async () => {
    const result = await runPiped(['numbers', 'list', '--limit', String(count)], 4096)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(141)
  }, 60_000)
})
