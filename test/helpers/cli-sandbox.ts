/**
 * The Sandbox as a script starts it: `carrierdesk sandbox start --json` in its own process, read up to the
 * one line that says how to reach each simulator, and stopped with Ctrl+C (SIGINT) at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

export const cliBin = join(__dirname, '../../bin/carrierdesk.cjs')

export interface CliSandboxLine {
  seed: number
  carriers: Record<string, { baseUrl: string; controlUrl: string; account: Record<string, any> }>
}

export interface CliSandbox {
  line: CliSandboxLine
  stop(): Promise<void>
}

export async function startCliSandbox(args: string[]): Promise<CliSandbox> {
  const child: ChildProcess = spawn(process.execPath, [cliBin, 'sandbox', 'start', '--json', ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)))
  })
  return {
    line: JSON.parse(first) as CliSandboxLine,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGINT')
      await exited
    },
  }
}
