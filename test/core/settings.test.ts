/**
 * The app's own settings through the dispatcher and the CLI: defaults until changed, bounds refused with
 * nothing stored, a change logged and announced, and the same values read by `carrierdesk settings`.
 */
import { PassThrough, Readable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultSettings } from '../../src/shared/settings'
import type { AppSettings } from '../../src/shared/settings'
import { runCli } from '../../src/main/cli/program'
import { createCarrierDesk, type CarrierDesk } from '../../src/main/core/carrierdesk'
import { createDispatcher } from '../../src/main/core/dispatcher'
import { tempDir } from '../helpers/temp'

async function cli(dataDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
  const code = await runCli(['--data-dir', dataDir, ...args], { stdin: Readable.from([]), stdout, stderr, env: { ...process.env }, stopSignal: Promise.resolve() })
  return { code, stdout: out, stderr: err }
}

describe('app settings', () => {
  const dirs: { remove(): void }[] = []
  let desk: CarrierDesk | undefined
  afterEach(async () => {
    await desk?.close()
    desk = undefined
    for (const dir of dirs.splice(0)) dir.remove()
  })
  const open = (): { desk: CarrierDesk; dataDir: string } => {
    const dir = tempDir('carrierdesk-settings-')
    dirs.push(dir)
    desk = createCarrierDesk({ dataDir: dir.path, actor: 'test' })
    return { desk, dataDir: dir.path }
  }

  it('answers the defaults, stores a change, logs it with before and after and announces it', async () => {
    const { desk } = open()
    const dispatcher = createDispatcher(desk)
    expect(await dispatcher.invoke('settings.get', {})).toEqual({ ok: true, value: defaultSettings })
    const announced: AppSettings[] = []
    desk.events.on('settings.changed', (settings) => announced.push(settings))
    const updated = await dispatcher.invoke('settings.update', { portsSyncMinutes: 5, cdrRetentionDays: 90 })
    expect(updated).toEqual({ ok: true, value: { ...defaultSettings, portsSyncMinutes: 5, cdrRetentionDays: 90 } })
    expect(announced).toHaveLength(1)
    expect((await dispatcher.invoke('settings.get', {})).ok && desk.settings.get().portsSyncMinutes).toBe(5)
    const [entry] = desk.activity.list({ limit: 1 })
    expect(entry).toMatchObject({ action: 'settings.update', result: 'succeeded', details: { portsSyncMinutes: { before: 15, after: 5 } } })
    // The same value again changes nothing and announces nothing.
    await dispatcher.invoke('settings.update', { portsSyncMinutes: 5 })
    expect(announced).toHaveLength(1)
  })

  it('refuses values out of bounds, fractions and unknown keys, storing nothing', async () => {
    const { desk } = open()
    const dispatcher = createDispatcher(desk)
    for (const input of [{ portsSyncMinutes: -1 }, { portsSyncMinutes: 2000 }, { cdrRetentionDays: 1.5 }, { colour: 3 }, { portsSyncMinutes: '5' }]) {
      const result = await dispatcher.invoke('settings.update', input)
      expect(result.ok, JSON.stringify(input)).toBe(false)
    }
    expect(desk.store.db.prepare('SELECT count(*) FROM app_settings').pluck().get()).toBe(0)
  })

  it('ignores a stored value that no longer fits its setting (the default applies)', () => {
    const { desk } = open()
    desk.store.settings.set({ portsSyncMinutes: 'often', cdrRetentionDays: 99_999 }, 1)
    expect(desk.settings.get()).toEqual(defaultSettings)
  })

  it('reads and changes the same settings from the command line', async () => {
    const { dataDir } = open()
    await desk?.close()
    desk = undefined
    const set = await cli(dataDir, ['--json', 'settings', 'set', 'idleNumberDays=45'])
    expect(set.stderr).toBe('')
    expect(JSON.parse(set.stdout)).toMatchObject({ idleNumberDays: 45 })
    const got = await cli(dataDir, ['settings', 'get'])
    expect(got.stdout).toMatch(/^idleNumberDays\t45 days\t/m)
    const bad = await cli(dataDir, ['settings', 'set', 'idleNumberDays=0'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^error \[validation\]: idleNumberDays: /m)
    const unknown = await cli(dataDir, ['settings', 'set', 'speed=3'])
    expect(unknown.stderr).toMatch(/^error \[validation\]: speed: not a setting/m)
  })
})
