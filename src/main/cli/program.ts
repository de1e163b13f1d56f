/**
 * The `carrierdesk` command line: the same core as the app, for scripts and cron jobs. Its surface is
 * stable: exit 0 ok, 1 failure, 2 bad usage; errors on stderr with their code; `--json` for machines.
 * Secrets come from standard input (`--secrets-stdin`) or a hidden prompt, never from argv.
 */
import { Command, CommanderError, Option } from 'commander'
import type { Readable, Writable } from 'node:stream'
import { z } from 'zod'
import { carrierIds, environments, type AccountSecrets, type AccountView, type CarrierId, type PhoneNumberRecord } from '../../shared/domain'
import { AccountInputSchema, NumberSearchQuerySchema } from '../../shared/ipc-shared'
import { NumbersQuerySchema } from '../../shared/numbers-query'
import { AppError, toErrorShape } from '../lib/app-error'
import { createCarrierDesk, type CarrierDesk } from '../core/carrierdesk'
import { validationError } from '../core/dispatcher'
import { defaultCliDataDir } from '../core/paths'
import { maxSandboxNumbers, sandboxFaultsSchema, startStandaloneSandbox, type SandboxFaults } from '../core/sandbox-service'
import { OutputClosedError, StreamingOutput, isClosed, outputClosedExitCode } from './output'
import { readSecretsJson } from './secrets-input'
import { commanderUsageError, fieldsError, optionValueError, relabelFields, wholeNumberOption } from './usage'

export interface CliIo {
  stdin: Readable & { isTTY?: boolean }
  stdout: Writable
  stderr: Writable
  env: NodeJS.ProcessEnv
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); long-running commands wait on it. */
  stopSignal: Promise<void>
}

interface GlobalOptions {
  dataDir?: string
  json?: boolean
}

/** The options of `accounts add`, by the account field each one fills. */
const accountFlags = {
  carrier: '--carrier',
  name: '--name',
  baseUrl: '--base-url',
  environment: '--environment',
  username: '--username',
  accountNo: '--account-no',
  clientId: '--client-id',
  scope: '--scope',
  secrets: '--secrets-stdin',
} as const

/** The options of `numbers search`, by the query field each one fills. */
const searchFlags = {
  type: '--type',
  state: '--state',
  rateCenter: '--rate-center',
  npa: '--npa',
  nxx: '--nxx',
  tollFreePrefix: '--toll-free-prefix',
  country: '--country',
  limit: '--limit',
} as const

/** `--faults`: JSON of fault settings per carrier; a wrong carrier or setting is named. */
async function parseFaults(text: string): Promise<SandboxFaults> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new AppError('validation', '--faults: must be JSON, e.g. {"call48":{"serverErrorRate":0.2}}')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppError('validation', '--faults: must be a JSON object of fault settings per carrier, e.g. {"call48":{"serverErrorRate":0.2}}')
  }
  const { carriers, schema } = await sandboxFaultsSchema()
  const unknown = Object.keys(value).find((key) => !carriers.includes(key))
  if (unknown !== undefined) {
    throw new AppError('validation', `--faults: ${JSON.stringify(unknown)} is not a carrier (${carriers.join(', ')})`)
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw optionValueError('--faults', parsed.error)
  return parsed.data
}

/** Asks for each secret on the terminal without echoing it. */
async function promptSecrets(io: CliIo, keys: string[]): Promise<Record<string, string>> {
  const { createInterface } = await import('node:readline/promises')
  const secrets: Record<string, string> = {}
  for (const key of keys) {
    const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true })
    const muted = rl as unknown as { _writeToOutput?: (text: string) => void }
    io.stderr.write(`${key}: `)
    muted._writeToOutput = () => undefined
    secrets[key] = (await rl.question('')).trim()
    rl.close()
    io.stderr.write('\n')
  }
  return secrets
}

const numberLine = (n: PhoneNumberRecord): string =>
  `${n.e164}\t${n.carrier}\t${n.type}\t${n.status}\t${n.state ?? ''}\t${n.rateCenter ?? ''}`

function formatAccount(account: AccountView): string {
  const last = account.lastSync
    ? `${account.lastSync.outcome} ${new Date(account.lastSync.startedAt).toISOString()}`
    : 'never synced'
  return `${account.name}\t${account.carrier}\t${account.environment}\t${account.baseUrl}\t${last}`
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let desk: CarrierDesk | undefined
  /** Set once anything secret was read (stdin or the prompt): from then on no unknown error text is shown. */
  let secretsRead = false
  const out = (text: string): void => void io.stdout.write(`${text}\n`)
  const program = new Command('carrierdesk')
  const globals = (): GlobalOptions => program.opts<GlobalOptions>()
  const openDesk = (): CarrierDesk => {
    desk ??= createCarrierDesk({
      dataDir: globals().dataDir ?? defaultCliDataDir(io.env),
      actor: `cli:${io.env.USER ?? 'user'}`,
    })
    return desk
  }
  const print = (value: unknown, human: () => void): void => {
    if (globals().json) out(JSON.stringify(value))
    else human()
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

  const accounts = program.command('accounts').description('carrier accounts')
  accounts
    .command('add')
    .description('add a carrier account; secrets as one JSON object on stdin, or prompted')
    .addOption(new Option('--carrier <carrier>').choices([...carrierIds]).makeOptionMandatory())
    .requiredOption('--name <name>', 'a unique name for the account')
    .requiredOption('--base-url <url>', 'the API base URL (production, staging or sandbox)')
    .addOption(new Option('--environment <environment>').choices([...environments]))
    .option('--username <username>')
    .option('--account-no <accountNo>')
    .option('--client-id <clientId>')
    .option('--scope <scope>')
    .option('--secrets-stdin', 'read secrets as a JSON object from standard input')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const desk = openDesk()
      const adapter = desk.registry.get(options.carrier as (typeof carrierIds)[number])
      let secrets: AccountSecrets
      if (options.secretsStdin) {
        secretsRead = true
        secrets = await readSecretsJson(io.stdin)
      } else if (io.stdin.isTTY) {
        secretsRead = true
        secrets = await promptSecrets(io, adapter.secretFields.map((field) => field.key))
      } else {
        throw new AppError('validation', '--secrets-stdin: give secrets as a JSON object on standard input')
      }
      const input = AccountInputSchema.safeParse({
        carrier: options.carrier,
        name: options.name,
        baseUrl: options.baseUrl,
        environment: options.environment,
        username: options.username,
        accountNo: options.accountNo,
        clientId: options.clientId,
        scope: options.scope,
        secrets,
      })
      if (!input.success) throw fieldsError(input.error, accountFlags)
      const account = await desk.accounts.add(input.data).catch((error: unknown) => {
        throw error instanceof AppError ? relabelFields(error, accountFlags) : error
      })
      print(account, () => out(`Added ${account.name} (${account.carrier}, id ${account.id})`))
    })
  accounts
    .command('list')
    .description('list accounts with their last sync')
    .action(() => {
      const list = openDesk().accounts.list()
      print(list, () => (list.length === 0 ? out('No accounts.') : list.forEach((a) => out(formatAccount(a)))))
    })
  accounts
    .command('remove <name>')
    .description('remove an account and its keychain entries')
    .action(async (name: string) => {
      const result = await openDesk().accounts.remove({ id: name })
      print(result, () => out(`Removed ${name}`))
    })
  accounts
    .command('test <name>')
    .description('test the connection to the carrier')
    .action(async (name: string) => {
      const result = await openDesk().accounts.test({ id: name, signal: new AbortController().signal })
      print(result, () => out(`${result.ok ? 'OK' : 'FAILED'} (${result.latencyMs} ms): ${result.message}`))
      if (!result.ok) throw new AppError('carrier', result.message)
    })

  program
    .command('sync')
    .description('refresh the cache from the carriers (progress on stderr)')
    .option('--account <name>', 'only this account')
    .option('--only <areas>', 'comma-separated: numbers,trunks,ports,cdrs')
    .action(async (options: { account?: string; only?: string }) => {
      const desk = openDesk()
      const areas = options.only?.split(',').map((area) => area.trim())
      const parsedAreas = z.array(z.enum(['numbers', 'trunks', 'ports', 'cdrs'])).min(1).safeParse(areas)
      if (areas && !parsedAreas.success) throw new AppError('validation', '--only: takes numbers, trunks, ports, cdrs (comma-separated)')
      const accountIds = options.account ? [desk.accounts.find(options.account).id] : undefined
      const stopProgress = desk.events.on('sync.progress', (p) => {
        io.stderr.write(`${p.accountId.slice(0, 8)} ${p.area} ${p.phase} pages=${p.pages} rows=${p.rows} (${p.rowsPerSecond}/s)${p.message ? ` ${p.message}` : ''}\n`)
      })
      const controller = new AbortController()
      void io.stopSignal.then(() => controller.abort())
      const run = desk.sync.start({ accountIds, areas: parsedAreas.success ? parsedAreas.data : undefined }, controller.signal)
      const results = await run.done
      stopProgress()
      print({ runId: run.runId, results }, () => {
        for (const r of results) out(`${r.accountName}\t${r.area}\t${r.outcome}\t${r.rows}${r.message ? `\t${r.message}` : ''}`)
      })
      if (results.some((r) => r.outcome === 'failed' || r.outcome === 'cancelled')) {
        throw new AppError('carrier', 'Some areas did not sync; see the results above')
      }
    })

  const numbers = program.command('numbers').description('cached phone numbers')
  numbers
    .command('list')
    .description('list cached numbers, streamed (--json: one object; --ndjson: one number per line)')
    .addOption(new Option('--carrier <carrier>').choices([...carrierIds]))
    .option('--account <name>')
    .option('--search <text>', 'number, CNAM, rate center, tags or notes')
    .option('--limit <n>', 'at most this many', '1000')
    .option('--offset <n>', 'skip this many', '0')
    .option('--ndjson', 'one JSON object per number and line, no total (instead of --json)')
    .action(
      async (options: {
        carrier?: CarrierId
        account?: string
        search?: string
        limit: string
        offset: string
        ndjson?: boolean
      }) => {
        const limit = wholeNumberOption('--limit', options.limit, 1, 1_000_000)
        const offset = wholeNumberOption('--offset', options.offset, 0)
        const desk = openDesk()
        const parsed = NumbersQuerySchema.safeParse({
          filters: {
            carriers: options.carrier ? [options.carrier] : undefined,
            accountIds: options.account ? [desk.accounts.find(options.account).id] : undefined,
          },
          search: options.search,
          limit: 1,
        })
        if (!parsed.success) throw fieldsError(parsed.error, { search: '--search' })
        const query = parsed.data
        const { total } = desk.store.numbers.list(query)
        const format = options.ndjson ? 'ndjson' : globals().json ? 'json' : 'text'
        // Streamed row by row as they are read: a listing of every number never sits in memory at once.
        const output = new StreamingOutput(io.stdout)
        if (format === 'json') await output.write(`{"total":${total},"rows":[`)
        let index = 0
        let written = 0
        for await (const row of desk.store.numbers.iterate(query)) {
          if (index >= offset + limit) break
          index += 1
          if (index <= offset) continue
          if (format === 'json') await output.write(`${written > 0 ? ',' : ''}${JSON.stringify(row)}`)
          else if (format === 'ndjson') await output.write(`${JSON.stringify(row)}\n`)
          else await output.write(`${numberLine(row)}\n`)
          written += 1
        }
        if (format === 'json') await output.write(']}\n')
        else if (format === 'text') await output.write(`${written} of ${total}\n`)
        await output.flush()
      },
    )

  numbers
    .command('search')
    .description('search the carriers that sell numbers (nothing is bought)')
    .addOption(new Option('--type <type>').choices(['local', 'toll-free', 'international']).default('local'))
    .option('--state <XX>')
    .option('--rate-center <name>')
    .option('--npa <npa>')
    .option('--nxx <nxx>')
    .option('--toll-free-prefix <8xx>')
    .option('--country <XX>')
    .option('--account <name>', 'only this account')
    .option('--limit <n>', 'numbers wanted per carrier', '20')
    .action(
      async (options: {
        type: string
        state?: string
        rateCenter?: string
        npa?: string
        nxx?: string
        tollFreePrefix?: string
        country?: string
        account?: string
        limit: string
      }) => {
        const desk = openDesk()
        const parsed = NumberSearchQuerySchema.safeParse({
          type: options.type,
          state: options.state,
          rateCenter: options.rateCenter,
          npa: options.npa,
          nxx: options.nxx,
          tollFreePrefix: options.tollFreePrefix,
          country: options.country,
          limit: wholeNumberOption('--limit', options.limit, 1, 500),
        })
        if (!parsed.success) throw fieldsError(parsed.error, searchFlags)
        const accountIds = options.account ? [desk.accounts.find(options.account).id] : undefined
        const result = await desk.buying.search({ query: parsed.data, accountIds }, new AbortController().signal)
        print(result, () => {
          for (const o of result.offers) {
            out(`${o.e164}\t${o.accountName}\t${o.rateCenter ?? ''}\t${o.state ?? ''}\t${o.setupCost ?? ''}\t${o.monthlyCost ?? ''}`)
          }
          for (const f of result.failures) io.stderr.write(`${f.accountName}: ${f.message}\n`)
          out(`${result.offers.length} offers`)
        })
      },
    )

  const nexogy = program.command('nexogy').description('Nexogy clients and devices (Nexogy cannot list them itself)')
  const clientId = (value: string): number => wholeNumberOption('--client-id', value, 1)
  nexogy
    .command('adopt')
    .description('bring an existing Nexogy client (and its main number) into CarrierDesk')
    .requiredOption('--account <name>')
    .requiredOption('--client-id <id>')
    .requiredOption('--number <e164>', "the client's main number")
    .option('--domain <domain>')
    .action(async (options: { account: string; clientId: string; number: string; domain?: string }) => {
      const adopted = await openDesk().clients.adopt(
        { account: options.account, clientId: clientId(options.clientId), number: options.number, domain: options.domain },
        new AbortController().signal,
      )
      print(adopted, () => out(`Adopted client ${options.clientId}; run \`carrierdesk sync --account "${options.account}"\``))
    })
  nexogy
    .command('clients')
    .description('the Nexogy clients this account knows')
    .requiredOption('--account <name>')
    .action(async (options: { account: string }) => {
      const clients = await openDesk().clients.known({ account: options.account })
      print(clients, () => {
        for (const c of clients) out(JSON.stringify(c))
      })
    })
  nexogy
    .command('device-key')
    .description("print a device's SIP key (gpg-encrypted, base64) from the keychain, on explicit request")
    .requiredOption('--account <name>')
    .requiredOption('--client-id <id>')
    .option('--extension <ext>', 'extension', '1000')
    .action(async (options: { account: string; clientId: string; extension: string }) => {
      const key = await openDesk().clients.deviceKey({
        account: options.account,
        clientId: clientId(options.clientId),
        extension: options.extension,
      })
      if (key === undefined) throw new AppError('not-found', 'No key stored for that device; create or read the device first')
      print({ key }, () => out(key))
    })

  const sandbox = program.command('sandbox').description('the carrier simulators')
  sandbox
    .command('start')
    .description('start the carrier simulators on 127.0.0.1 and print how to reach them; runs until stopped')
    .option('--seed <n>', 'seed of the generated data', '1')
    .option('--numbers <n>', `owned numbers in total (up to ${maxSandboxNumbers})`, '10000')
    .option('--faults <json>', 'fault settings per carrier as JSON, e.g. {"call48":{"serverErrorRate":0.1}}')
    .action(async (options: { seed: string; numbers: string; faults?: string }) => {
      const seed = wholeNumberOption('--seed', options.seed, 0, 2 ** 31)
      const count = wholeNumberOption('--numbers', options.numbers, 0, maxSandboxNumbers)
      const faults = options.faults === undefined ? undefined : await parseFaults(options.faults)
      const running = await startStandaloneSandbox({ seed, numbers: count, faults })
      const description = {
        seed: running.seed,
        carriers: Object.fromEntries(
          running.carriers.map(({ carrier, ...entry }) => [carrier, { baseUrl: entry.baseUrl, controlUrl: entry.controlUrl, account: entry.account }]),
        ),
      }
      print(description, () => {
        out('CarrierDesk Sandbox is running (Ctrl+C to stop):')
        for (const entry of running.carriers) out(`  ${entry.carrier.padEnd(18)} ${entry.baseUrl}`)
        out(JSON.stringify(description))
      })
      await io.stopSignal
      await running.stop()
    })

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
