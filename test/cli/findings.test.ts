/**
 * `carrierdesk findings` as a script runs it: the built CLI spawned over a data directory whose cache was
 * written by hand (an unrouted number at Vitcom, a port cutting over today at Call48); `--json` lists what
 * the rules flag, `dismiss` keeps who and why and hides it, `--all` and `show` bring it back, `reopen` opens
 * it, and a bad id or a missing reason is a usage error (exit 2).
 */
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding, FindingsReport } from '../../src/shared/findings'
import { createCarrierDesk } from '../../src/main/core/carrierdesk'
import { cliBin } from '../helpers/cli-sandbox'
import { requireKeyring, tempDir } from '../helpers/temp'

const data = tempDir('carrierdesk-cli-findings-')
const vitcom = 'acct-vitcom'
const call48 = 'acct-call48'

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const ran = spawnSync(process.execPath, [cliBin, '--data-dir', data.path, ...args], { encoding: 'utf8', env: { ...process.env, USER: 'carol' }, timeout: 60_000 })
  return { code: ran.status, stdout: ran.stdout, stderr: ran.stderr }
}

beforeAll(async () => {
  requireKeyring()
  const now = Date.now()
  const desk = createCarrierDesk({ dataDir: data.path, actor: 'setup' })
  for (const [id, carrier, name] of [[vitcom, 'vitcom', 'Vitcom east'], [call48, 'call48', 'Call48 main']] as const) {
    desk.store.accounts.insert({ id, carrier, name, baseUrl: 'https://127.0.0.1:1/api', environment: 'sandbox', storedSecrets: [], createdAt: now, updatedAt: now })
  }
  desk.store.numbers.upsert([
    { accountId: vitcom, carrier: 'vitcom', e164: '+12065550001', type: 'local', status: 'active', monthlyCost: 0.45, asOf: now, raw: {} },
    { accountId: vitcom, carrier: 'vitcom', e164: '+12065550002', type: 'local', status: 'active', trunk: 'orig-100', monthlyCost: 0.45, asOf: now, raw: {} },
  ])
  const today = new Date(now).toISOString().slice(0, 10)
  desk.store.ports.replaceFor(call48, [{ accountId: call48, carrier: 'call48', id: '90/1', numbers: ['+13055550100'], status: 'foc-set', focDate: today, asOf: now, raw: {} }])
  await desk.close()
}, 60_000)
afterAll(() => data.remove())

describe('carrierdesk findings', () => {
  const unrouted = `unrouted:${vitcom}`

  it('lists what the rules flag, with --json and for people', () => {
    const ran = run('--json', 'findings')
    expect(ran.code, ran.stderr).toBe(0)
    const report = JSON.parse(ran.stdout) as FindingsReport
    expect(report.findings.map((f) => f.id).sort()).toEqual([`foc-soon:${call48}/90/1`, unrouted])
    const waste = report.findings.find((f) => f.id === unrouted)!
    expect(waste).toMatchObject({ kind: 'unrouted', severity: 'waste', status: 'open', monthlyCost: 0.45 })
    expect(waste.subjects.map((s) => s.e164)).toEqual(['+12065550001'])

    const human = run('findings', '--kind', 'unrouted')
    expect(human.code).toBe(0)
    expect(human.stdout).toContain(`${unrouted}\twaste\topen\tVitcom east\t1 number\t$0.45/mo\tBilled but not routed`)
    expect(human.stdout).not.toContain('foc-soon')
  }, 120_000)

  it('dismisses with who and why, hides it, shows it with --all and show, and re-opens it', () => {
    const dismissed = run('--json', 'findings', 'dismiss', unrouted, '--reason', 'Held for a customer moving in')
    expect(dismissed.code, dismissed.stderr).toBe(0)
    expect(JSON.parse(dismissed.stdout) as Finding).toMatchObject({ status: 'dismissed', dismissal: { by: 'cli:carol', reason: 'Held for a customer moving in' } })

    const open = JSON.parse(run('--json', 'findings').stdout) as FindingsReport
    expect(open.findings.map((f) => f.id)).toEqual([`foc-soon:${call48}/90/1`])
    expect(open).toMatchObject({ open: 1, dismissed: 1 })
    const all = JSON.parse(run('--json', 'findings', '--all').stdout) as FindingsReport
    expect(all.findings.find((f) => f.id === unrouted)?.status).toBe('dismissed')
    const shown = run('findings', 'show', unrouted)
    expect(shown.stdout).toContain('Dismissed by cli:carol')
    expect(shown.stdout).toContain('+12065550001\tVitcom east\tvitcom\t$0.45/mo')

    const reopened = run('--json', 'findings', 'reopen', unrouted)
    expect(reopened.code).toBe(0)
    const after = JSON.parse(reopened.stdout) as Finding
    expect(after.status).toBe('open')
    expect(after).not.toHaveProperty('dismissal')
  }, 120_000)

  it('refuses a malformed id, an unknown finding and a missing reason', () => {
    expect(run('findings', 'dismiss', 'nonsense', '--reason', 'x')).toMatchObject({ code: 2 })
    const unknown = run('findings', 'dismiss', 'idle:nobody', '--reason', 'x')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/No finding idle:nobody/)
    const noReason = run('findings', 'dismiss', unrouted)
    expect(noReason.code).toBe(2)
    expect(noReason.stderr).toMatch(/--reason/)
  }, 120_000)
})
