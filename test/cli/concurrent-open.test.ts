/**
 * Processes opening a brand-new database at once (a cron job's commands started together, the app and a
 * CLI command): each reads the schema version inside the migrating transaction, so one migrates and the
 * others find it done, instead of failing with "table accounts already exists".
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { migrations } from '../../src/main/store/migrations'
import { cliBin } from '../helpers/cli-sandbox'
import { tempDir } from '../helpers/temp'

const data = tempDir('carrierdesk-cli-concurrent-')
afterAll(() => data.remove())

function accountsList(dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, '--data-dir', dataDir, '--json', 'accounts', 'list'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

describe('a new database opened by several processes at once', () => {
  it('is migrated once, and every process opens it', async () => {
    const runs = await Promise.all(Array.from({ length: 6 }, () => accountsList(data.path)))
    expect(runs.map((run) => [run.code, run.stderr, run.stdout])).toEqual(runs.map(() => [0, '', '[]\n']))
    const db = new Database(join(data.path, 'carrierdesk.db'), { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version)
    db.close()
  }, 60_000)
})
