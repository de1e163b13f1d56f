/**
 * Secrets on stdin that are not what `accounts add --secrets-stdin` takes are refused as `validation`
 * (exit 2) with "secrets must be a JSON object", quoting none of them: through the built bin and a real stdin
 * pipe, asserting that no run of four characters of the input shows in stdout or stderr.
 */
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseFile } from '../../src/main/core/paths'
import { openStore } from '../../src/main/store/store'
import { cliBin as bin } from '../helpers/cli-sandbox'
import { tempDir } from '../helpers/temp'

const data = tempDir('carrierdesk-cli-secrets-')
afterAll(() => data.remove())

/** Every run of four characters of `input` (case folded) that also appears in `output`. */
function sharedRuns(input: string, output: string): string[] {
  const haystack = output.toLowerCase()
  const found = new Set<string>()
  const folded = input.toLowerCase()
  for (let i = 0; i + 4 <= folded.length; i += 1) {
    const run = folded.slice(i, i + 4)
    if (haystack.includes(run)) found.add(run)
  }
  return [...found]
}

interface Ran {
  code: number
  stdout: string
  stderr: string
}

/** The built bin with `stdin` on a real pipe. */
function runBin(args: string[], stdin: string, env: NodeJS.ProcessEnv = process.env): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '--data-dir', data.path, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    // The CLI may stop reading early (input over its limit): the rest of the input is not its problem.
    child.stdin.on('error', () => undefined)
    child.stdin.end(stdin)
    child.once('error', reject)
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

describe('accounts add --secrets-stdin with bad input', () => {
  const add = ['accounts', 'add', '--carrier', 'call48', '--name', 'Bad stdin', '--base-url', 'http://127.0.0.1:9/api/v4',
    '--username', 'u', '--secrets-stdin']
  const bad: Record<string, string> = {
    'not JSON': 'hunter2-swordfish-unparseable',
    'JSON cut short': '{"password": "Unterminated-Kestrel',
    'a JSON array': '["Opensesame-Zq81", "Xylophone-77"]',
    'a JSON string': '"Plain-Quokka-Phrase"',
    'non-string values': '{"password": 8675309123, "token": {"nested": "Mellon-Friend"}}',
    'an unknown key': '{"hunter2": "Zebra-Crossing-91"}',
    'a value over 4096 characters': `{"password": "Plover-${'k9'.repeat(2100)}"}`,
    'a huge value (200 KB)': `{"password": "${'Q7z-'.repeat(50_000)}"}`,
  }

  // The runs are independent: started at once, checked one by one.
  const results = new Map<string, Promise<Ran>>()
  beforeAll(() => {
    // Created first: processes racing to create a database is another matter than this test's.
    openStore(databaseFile(data.path)).close()
    for (const [what, stdin] of Object.entries(bad)) results.set(what, runBin(add, stdin))
  })

  for (const [what, stdin] of Object.entries(bad)) {
    it(`refuses ${what} as validation, quoting none of it`, async () => {
      const result = await results.get(what)!
      expect(result.code).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(/^error \[validation\]: --secrets-stdin: secrets must be a JSON object[^\n]*\n$/)
      expect(sharedRuns(stdin, result.stdout + result.stderr)).toEqual([])
    })
  }

  it('prints nothing of stdin when the keychain fails after the secrets were read (internal error)', async () => {
    const stdin = '{"password": "Zebra-Crossing-91"}'
    const env = { ...process.env }
    delete env.DBUS_SESSION_BUS_ADDRESS
    const result = await runBin(add, stdin, env)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^error \[internal\]: /m)
    // The keys are the README's names; the value must not show.
    expect(sharedRuns('"Zebra-Crossing-91"', result.stdout + result.stderr)).toEqual([])
  })
})

