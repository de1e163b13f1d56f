/**
 * Every usage error, whether commander or a schema found it, has the README's
 * `error [validation]: <option>: ...` form and exit 2, and names the option; `--help` still works. These run
 * `runCli` in this process with the real core and a temporary data directory.
 */
import { PassThrough, Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/main/cli/program'
import { tempDir } from '../helpers/temp'

const data = tempDir('carrierdesk-cli-usage-')
afterAll(() => data.remove())

interface Ran {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI in this process; commands that run until stopped (sandbox start) stop when `stop` resolves. */
async function cli(args: string[], stop: Promise<void> = Promise.resolve(), onStdout?: (text: string) => void): Promise<Ran> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8')
    onStdout?.(out)
  })
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
  const code = await runCli(['--data-dir', data.path, ...args], { stdin: Readable.from([]), stdout, stderr, env: { ...process.env }, stopSignal: stop })
  return { code, stdout: out, stderr: err }
}

describe('usage errors', () => {
  const cases: [args: string[], stderr: RegExp][] = [
    [['accounts', 'add', '--carrier', 'acme', '--name', 'x', '--base-url', 'http://127.0.0.1:1'], /^error \[validation\]: --carrier: 'acme' is not valid\. Allowed choices are call48, vitcom, voip-innovations, nexogy\.$/],
    [['accounts', 'add', '--carrier', 'call48', '--base-url', 'http://127.0.0.1:1'], /^error \[validation\]: --name: required, not given$/],
    [['accounts', 'add', '--carrier', 'vitcom', '--name', 'x', '--base-url', 'nope', '--secrets-stdin'], /^error \[validation\]: --base-url: Base URL must be an http\(s\) URL$/],
    [['frobnicate'], /^error \[validation\]: unknown command 'frobnicate'/],
    [['numbers', 'list', '--limti', '5'], /^error \[validation\]: --limti: unknown option \(did you mean --limit\?\)$/],
    [['numbers', 'list', '--limit', 'abc'], /^error \[validation\]: --limit: must be a whole number from 1 to 1000000$/],
    [['numbers', 'list', '--offset', '-3'], /^error \[validation\]: --offset: must be a whole number 0 or more$/],
    [['numbers', 'list', '--limit'], /^error \[validation\]: --limit: needs a value$/],
    [['numbers', 'list', '--carrier', 'acme'], /^error \[validation\]: --carrier: 'acme' is not valid\./],
    [['numbers', 'search', '--state', 'Florida'], /^error \[validation\]: --state: State is two letters$/],
    [['numbers', 'search', '--limit', '0'], /^error \[validation\]: --limit: must be a whole number from 1 to 500$/],
    [['sync', '--only', 'numbers,phones'], /^error \[validation\]: --only: /],
    [['accounts', 'remove'], /^error \[validation\]: <name>: required argument, not given$/],
    [['sandbox', 'start', '--numbers', 'lots'], /^error \[validation\]: --numbers: must be a whole number from 0 to 1000000$/],
    [['sandbox', 'start', '--faults', 'not json'], /^error \[validation\]: --faults: must be JSON/],
    [['sandbox', 'start', '--faults', '{"acme":{"latencyMs":5}}'], /^error \[validation\]: --faults: "acme" is not a carrier \(call48, vitcom, voip-innovations, nexogy\)$/],
    [['sandbox', 'start', '--faults', '{"call48":{"serverErrorRate":2}}'], /^error \[validation\]: --faults: call48\.serverErrorRate: Too big/],
    [['sandbox', 'start', '--faults', '{"vitcom":{"latencyMS":5}}'], /^error \[validation\]: --faults: vitcom\.latencyMS: unknown key$/],
    [['sandbox', 'start', '--faults', '[1, 2]'], /^error \[validation\]: --faults: must be a JSON object/],
  ]

  for (const [args, expected] of cases) {
    it(`${args.join(' ')} → exit 2, ${expected.source.slice(1, 60)}…`, async () => {
      const ran = await cli(args)
      expect(ran.code).toBe(2)
      expect(ran.stdout).toBe('')
      // One line, in the README's form, and none of commander's own wording.
      expect(ran.stderr.endsWith('\n')).toBe(true)
      expect(ran.stderr.trimEnd()).toMatch(expected)
      expect(ran.stderr).not.toMatch(/^error: |\(input\)/m)
    })
  }

  it('ends a group named without its command with the usage, then the error line, exit 2', async () => {
    const ran = await cli(['accounts'])
    expect(ran.code).toBe(2)
    expect(ran.stderr).toMatch(/^Usage: carrierdesk accounts/)
    expect(ran.stderr.trimEnd().split('\n').at(-1)).toBe('error [validation]: a command is missing; see the usage above')
  })

  it('keeps --help working: usage on stdout, exit 0', async () => {
    const top = await cli(['--help'])
    expect(top).toMatchObject({ code: 0, stderr: '' })
    expect(top.stdout).toMatch(/^Usage: carrierdesk /)
    const list = await cli(['numbers', 'list', '--help'])
    expect(list.code).toBe(0)
    expect(list.stdout).toContain('--ndjson')
    const viaHelp = await cli(['help', 'sync'])
    expect(viaHelp.code).toBe(0)
    expect(viaHelp.stdout).toMatch(/^Usage: carrierdesk sync/)
  })

  it("starts the Sandbox with the README's --faults example, the faults in place", async () => {
    let stop = (): void => undefined
    const stopped = new Promise<void>((resolve) => (stop = resolve))
    let faults: Promise<unknown> | undefined
    const ran = await cli(['--json', 'sandbox', 'start', '--numbers', '100', '--faults', '{"call48":{"serverErrorRate":0.2,"latencyMs":300}}'], stopped, (text) => {
      if (faults || !text.includes('\n')) return
      const line = JSON.parse(text) as { carriers: Record<string, { controlUrl: string }> }
      faults = fetch(`${line.carriers.call48!.controlUrl}/faults`).then((response) => response.json()).finally(stop)
    })
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    expect(await faults).toMatchObject({ serverErrorRate: 0.2, latencyMs: 300, resetRate: 0 })
  })
})
