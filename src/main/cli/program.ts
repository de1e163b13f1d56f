/**
 * The `carrierdesk` command line: the same core as the app, for scripts and cron jobs. Its surface is
 * stable: exit 0 ok, 1 failure, 2 bad usage; errors on stderr with their code; `--json` for machines.
 * Secrets come from standard input (`--secrets-stdin`) or a hidden prompt, never from argv.
 *
 * Each command group is one file in commands/, given a CommandContext; this file parses, composes them
 * and turns any failure into the one error form.
 */
import { Command, CommanderError } from 'commander'
import { z } from 'zod'
import { AppError, toErrorShape } from '../lib/app-error'
import { createCarrierDesk, type CarrierDesk } from '../core/carrierdesk'
import { validationError } from '../core/dispatcher'
import { defaultCliDataDir } from '../core/paths'
import { accountsCommands } from './commands/accounts'
import { billingCommands } from './commands/billing'
import { customersCommands } from './commands/customers'
import { activityCommands } from './commands/activity'
import { changesCommands } from './commands/changes'
import { e911Commands } from './commands/e911'
import { findingsCommands } from './commands/findings'
import { nexogyCommands } from './commands/nexogy'
import { numbersCommands } from './commands/numbers'
import { portsCommands } from './commands/ports'
import { sandboxCommands } from './commands/sandbox'
import { settingsCommands } from './commands/settings'
import { syncCommands } from './commands/sync'
import { trunksCommands } from './commands/trunks'
import { cdrsCommands } from './commands/cdrs'
import type { CliIo, CommandContext } from './context'
import { OutputClosedError, isClosed, outputClosedExitCode } from './output'
import { commanderUsageError } from './usage'

export type { CliIo } from './context'

interface GlobalOptions {
  dataDir?: string
  json?: boolean
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let desk: CarrierDesk | undefined
  /** Set once anything secret was read (stdin or the prompt): from then on no unknown error text is shown. */
  let secretsRead = false
  const program = new Command('carrierdesk')
  const globals = (): GlobalOptions => program.opts<GlobalOptions>()
  const out = (text: string): void => void io.stdout.write(`${text}\n`)
  const cli: CommandContext = {
    io,
    openDesk: () => {
      desk ??= createCarrierDesk({
        dataDir: globals().dataDir ?? defaultCliDataDir(io.env),
        actor: `cli:${io.env.USER ?? 'user'}`,
        syncWorker: io.syncWorker,
      })
      return desk
    },
    json: () => globals().json === true,
    out,
    print: (value, human) => {
      if (globals().json) out(JSON.stringify(value))
      else human()
    },
    readSecrets: () => {
      secretsRead = true
    },
  }

  program
    .description('CarrierDesk: phone numbers, trunks, ports and CDRs across wholesale voice carriers')
    .option('--data-dir <dir>', 'where the database lives (default: $CARRIERDESK_DATA_DIR or the XDG data dir)')
    .option('--json', 'machine-readable output')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Usage errors are reworded and printed in the README's form below, not in commander's.
      outputError: () => undefined,
    })
  accountsCommands(program, cli)
  syncCommands(program, cli)
  numbersCommands(program, cli)
  portsCommands(program, cli)
  nexogyCommands(program, cli)
  sandboxCommands(program, cli)
  settingsCommands(program, cli)
  billingCommands(program, cli)
  customersCommands(program, cli)
  changesCommands(program, cli)
  activityCommands(program, cli)
  trunksCommands(program, cli)
  cdrsCommands(program, cli)
  e911Commands(program, cli)
  findingsCommands(program, cli)

  // A reader that closed standard output early (`| head`): the command stops, quietly.
  const onOutputError = (): void => undefined
  io.stdout.on('error', onOutputError)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return isClosed(io.stdout) ? outputClosedExitCode : 0
  } catch (error) {
    if (error instanceof OutputClosedError) return outputClosedExitCode
    let failure = error
    if (error instanceof CommanderError) {
      const usage = commanderUsageError(error)
      if (usage === undefined) return 0
      failure = usage
    }
    const shape = failure instanceof z.ZodError ? validationError(failure).toShape() : toErrorShape(failure)
    if (shape.code === 'internal') io.stderr.write(`${internalDetail(failure, secretsRead)}\n`)
    io.stderr.write(`error [${shape.code}]: ${shape.message}\n`)
    return shape.code === 'validation' ? 2 : 1
  } finally {
    io.stdout.off('error', onOutputError)
    await desk?.close()
  }
}

/**
 * What an internal error shows for a bug report, above its `error [internal]:` line: its name and stack
 * frames. An unknown error's own message (also the stack's first line) only when nothing secret was read in
 * this run, as it may quote its input (JSON.parse does); an AppError's message is the line below.
 */
function internalDetail(error: unknown, secretsRead: boolean): string {
  if (!(error instanceof Error)) return `(a thrown ${typeof error})`
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line))
  const head =
    error instanceof AppError ? error.name : secretsRead ? `${error.name} (message withheld: this command read secrets)` : `${error.name}: ${error.message}`
  return [head, ...frames].join('\n')
}
