/** `carrierdesk sandbox start`: the carrier simulators on 127.0.0.1, until stopped. */
import type { Command } from 'commander'
import { AppError } from '../../lib/app-error'
import { maxSandboxCallsPerDay, maxSandboxNumbers, sandboxFaultsSchema, startStandaloneSandbox, type SandboxFaults } from '../../core/sandbox-service'
import type { CommandContext } from '../context'
import { optionValueError, wholeNumberOption } from '../usage'

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


export function sandboxCommands(program: Command, cli: CommandContext): void {
  const { io, out, print } = cli
  const sandbox = program.command('sandbox').description('the carrier simulators')
  sandbox
    .command('start')
    .description('start the carrier simulators on 127.0.0.1 and print how to reach them; runs until stopped')
    .option('--seed <n>', 'seed of the generated data', '1')
    .option('--numbers <n>', `owned numbers in total (up to ${maxSandboxNumbers})`, '10000')
    .option('--cdrs <n>', `call records per carrier per day (up to ${maxSandboxCallsPerDay}; default 2000)`)
    .option('--faults <json>', 'fault settings per carrier as JSON, e.g. {"call48":{"serverErrorRate":0.1}}')
    .action(async (options: { seed: string; numbers: string; cdrs?: string; faults?: string }) => {
      const seed = wholeNumberOption('--seed', options.seed, 0, 2 ** 31)
      const count = wholeNumberOption('--numbers', options.numbers, 0, maxSandboxNumbers)
      const faults = options.faults === undefined ? undefined : await parseFaults(options.faults)
      const callsPerDay = options.cdrs === undefined ? undefined : wholeNumberOption('--cdrs', options.cdrs, 0, maxSandboxCallsPerDay)
      const running = await startStandaloneSandbox({ seed, numbers: count, callsPerDay, faults })
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
}
