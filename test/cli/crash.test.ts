/**
 * A re-sync killed with SIGKILL, as a power cut or the OOM killer would: before any page, while pages are
 * staged, and inside the commit of a large changed batch. After each kill the database passes
 * `PRAGMA integrity_check`, the account's numbers are exactly as the previous sync left them, and the next
 * sync succeeds with every change.
 *
 * Timing without hooks in the product: `sync` prints a progress line to stderr per page. The changed batch
 * is merged in one transaction right after the last page's line (the one whose rows reach the account's
 * total), so killing on that line lands in the commit. That the kill really fell inside it is checked against
 * the commit's length measured in this same run: the time from the last page's line to `finished` in the
 * sync that completes, against the time from the same line to the killed process's exit.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseFile } from '../../src/main/core/paths'
import { cliBin as bin, startCliSandbox, type CliSandbox, type CliSandboxLine } from '../helpers/cli-sandbox'
import { requireKeyring, tempDir } from '../helpers/temp'

const data = tempDir('carrierdesk-crash-')
const accountName = 'Crash Vitcom'
/** 30% of the Sandbox's numbers are Vitcom's: 9,000 numbers, two pages (5,000 and 4,000). */
const sandboxNumbers = 30_000
const vitcomNumbers = 9_000

interface Line {
  at: number
  text: string
  phase?: string
  rows?: number
}

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  lines: Line[]
  /** When the line the kill was decided on arrived, and when the killed process was gone. */
  markerAt?: number
  exitedAt: number
}

function cli(args: string[], stdin?: string): Promise<Run> {
  return sync(args, undefined, stdin)
}

/**
 * Runs the built CLI, reading its stderr line by line; `killOn` picks the progress line to SIGKILL it on.
 * Progress lines look like `<account> numbers page pages=2 rows=10000 (3500/s)`.
 */
function sync(args: string[], killOn?: (line: Line) => boolean, stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [bin, '--data-dir', data.path, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
    const lines: Line[] = []
    let stdout = ''
    let markerAt: number | undefined
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    createInterface({ input: child.stderr! }).on('line', (text) => {
      const progress = /^\S+ numbers (\w+) pages=\d+ rows=(\d+)/.exec(text)
      const line: Line = { at: performance.now(), text, phase: progress?.[1], rows: progress ? Number(progress[2]) : undefined }
      lines.push(line)
      if (markerAt === undefined && killOn?.(line)) {
        markerAt = line.at
        child.kill('SIGKILL')
      }
    })
    child.stdin!.end(stdin ?? '')
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      const exitedAt = performance.now()
      // Let the last lines arrive.
      child.once('close', () => resolve({ code, signal, stdout, lines, markerAt, exitedAt }))
    })
  })
}

/** What a user would compare: the account's numbers with their carrier data, and when they were confirmed. */
function snapshot(): { integrity: string; numbers: number; gone: number; digest: string; confirmedAt: number | null; running: number } {
  const db = new Database(databaseFile(data.path))
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check).join('; ')
    const rows = db
      .prepare(
        `SELECT n.e164, n.status, n.trunk, n.cnam, n.gone_at, n.as_of, n.sig FROM numbers n JOIN accounts a ON a.id = n.account_id
         WHERE a.name = ? ORDER BY n.e164`,
      )
      .raw()
      .all(accountName) as unknown[][]
    const confirmedAt = db
      .prepare('SELECT s.confirmed_at FROM numbers_sync_state s JOIN accounts a ON a.id = s.account_id WHERE a.name = ?')
      .pluck()
      .get(accountName) as number | undefined
    return {
      integrity,
      numbers: rows.length,
      gone: rows.filter((row) => row[4] !== null).length,
      digest: createHash('sha256').update(JSON.stringify(rows)).digest('hex'),
      confirmedAt: confirmedAt ?? null,
      running: db.prepare("SELECT count(*) FROM sync_runs WHERE outcome = 'running'").pluck().get() as number,
    }
  } finally {
    db.close()
  }
}

const lastPage = (line: Line): boolean => line.phase === 'page' && line.rows === vitcomNumbers

describe('a re-sync killed with SIGKILL', () => {
  let sandbox: CliSandbox | undefined
  let vitcom: CliSandboxLine['carriers'][string]
  let before: ReturnType<typeof snapshot>
  let commitStartKill: Run | undefined

  beforeAll(async () => {
    requireKeyring()
    sandbox = await startCliSandbox(['--seed', '21', '--numbers', String(sandboxNumbers)])
    vitcom = sandbox.line.carriers.vitcom!
    const added = await cli(
      ['accounts', 'add', '--carrier', 'vitcom', '--name', accountName, '--base-url', vitcom.baseUrl, '--environment', 'sandbox',
        '--account-no', vitcom.account.accountNo, '--secrets-stdin'],
      JSON.stringify(vitcom.account.secrets),
    )
    expect(added.code).toBe(0)
    const synced = await cli(['--json', 'sync', '--only', 'numbers'])
    expect(synced.code).toBe(0)
    expect(JSON.parse(synced.stdout)).toMatchObject({ results: [{ outcome: 'succeeded', rows: vitcomNumbers }] })
    before = snapshot()
    expect(before).toMatchObject({ integrity: 'ok', numbers: vitcomNumbers, gone: 0 })

    // Every number changes at the carrier (trunk and CNAM), so the re-sync's commit rewrites all of them.
    const tns = (JSON.parse((await cli(['--json', 'numbers', 'list', '--limit', String(vitcomNumbers)])).stdout) as { rows: { e164: string }[] })
      .rows.map((row) => row.e164.slice(2))
    const form = new URLSearchParams({ token: vitcom.account.secrets.token, accountno: vitcom.account.accountNo, number: tns.join(','), trunkId: '103', cnam: 'CRASH TEST' })
    const answer = await fetch(`${vitcom.baseUrl}/updatenumber`, { method: 'POST', body: form })
    expect(await answer.json()).toMatchObject({ status: '200' })
  }, 60_000)

  afterAll(async () => {
    await sandbox?.stop()
    data.remove()
  })

  const killPoints: [name: string, killOn: (line: Line) => boolean][] = [
    ['as the sync starts (request in flight)', (line) => line.phase === 'started'],
    ['while pages are staged (after the first page)', (line) => line.phase === 'page' && line.rows! < vitcomNumbers],
    ['inside the commit of the changed batch (on the last page)', lastPage],
  ]

  for (const [name, killOn] of killPoints) {
    it(`killed ${name}: database intact, previous numbers unchanged`, async () => {
      const run = await sync(['sync', '--only', 'numbers'], killOn)
      expect(run.signal).toBe('SIGKILL')
      expect(run.markerAt).toBeDefined()
      expect(run.lines.some((line) => line.phase === 'finished')).toBe(false)
      if (killOn === lastPage) commitStartKill = run
      const after = snapshot()
      expect(after.integrity).toBe('ok')
      expect(after).toMatchObject({ numbers: before.numbers, gone: 0, digest: before.digest, confirmedAt: before.confirmedAt })
    }, 30_000)
  }

  it('syncs every change on the next run, and the kill fell inside that commit', async () => {
    const run = await sync(['--json', 'sync', '--only', 'numbers'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ results: [{ outcome: 'succeeded', rows: vitcomNumbers }] })
    const after = snapshot()
    expect(after).toMatchObject({ integrity: 'ok', numbers: vitcomNumbers, gone: 0, running: 0 })
    expect(after.digest).not.toBe(before.digest)
    const found = JSON.parse((await cli(['--json', 'numbers', 'list', '--search', 'crash test', '--limit', '1'])).stdout) as { total: number }
    expect(found.total).toBe(vitcomNumbers)

    // The commit runs from the last page's line to `finished`; the killed run died well within that.
    const pageAt = run.lines.find(lastPage)!.at
    const finishedAt = run.lines.find((line) => line.phase === 'finished')!.at
    const commitMs = finishedAt - pageAt
    const killedAfterMs = commitStartKill!.exitedAt - commitStartKill!.markerAt!
    expect(killedAfterMs, `the commit took ${Math.round(commitMs)} ms`).toBeLessThan(commitMs)
  }, 30_000)
})
