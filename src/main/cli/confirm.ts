/**
 * The confirmation every mutating command asks for (purchases, releases, ports, trunks, payments, changes):
 * `--yes` confirms up front; without it, on a terminal the user types "yes" after reading what will be sent;
 * without a terminal the command refuses (usage error, exit 2), so a script never changes anything by
 * accident.
 */
import { AppError } from '../lib/app-error'
import type { CliIo } from './context'

export interface ConfirmOptions {
  /** What will be sent, in a line or a few, shown before the question. */
  summary: string
  /** Whether `--yes` was given. */
  yes: boolean | undefined
}

export async function confirmMutation(io: CliIo, options: ConfirmOptions): Promise<void> {
  if (options.yes) return
  if (!io.stdin.isTTY) {
    throw new AppError('validation', '--yes: this command changes something at the carrier; confirm with --yes (no terminal to ask on)')
  }
  const { createInterface } = await import('node:readline/promises')
  io.stderr.write(`${options.summary}\n`)
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true })
  try {
    const answer = (await rl.question('Type "yes" to send it: ')).trim().toLowerCase()
    if (answer !== 'yes') throw new AppError('cancelled', 'Not confirmed: nothing was sent')
  } finally {
    rl.close()
  }
}
