/**
 * What every command group is given: the process's streams, the core (opened on first use), and output
 * in the form `--json` asks for.
 */
import type { Readable, Writable } from 'node:stream'
import type { CarrierDesk } from '../core/carrierdesk'

export interface CliIo {
  stdin: Readable & { isTTY?: boolean }
  stdout: Writable
  stderr: Writable
  env: NodeJS.ProcessEnv
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); long-running commands wait on it. */
  stopSignal: Promise<void>
  /** The sync worker's script beside the running bundle (cli/main.ts); without it syncs run on this thread. */
  syncWorker?: string | undefined
}

export interface CommandContext {
  io: CliIo
  /** The core, opened on first use (in the `--data-dir` given) and closed when the command ends. */
  openDesk(): CarrierDesk
  /** Whether `--json` was given. */
  json(): boolean
  /** Writes one line to stdout. */
  out(text: string): void
  /** Writes `value` as JSON with `--json`, or runs `human` to write it for people. */
  print(value: unknown, human: () => void): void
  /** Says this run read secrets (stdin or a prompt): from then on no unknown error's text is shown. */
  readSecrets(): void
}
