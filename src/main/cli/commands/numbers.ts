/**
 * `carrierdesk numbers ...`: list the cached numbers (streamed) and search the carriers that sell them; the
 * actions on numbers (change, release, buy, bulk orders) are in numbers-actions.ts.
 */
import { Option, type Command } from 'commander'
import type { CarrierId, PhoneNumberRecord } from '../../../shared/domain'
import { knownCarriers } from '../../core/carriers'
import { NumberSearchQuerySchema } from '../../../shared/ipc-shared'
import { NumbersQuerySchema } from '../../../shared/numbers-query'
import type { CommandContext } from '../context'
import { StreamingOutput } from '../output'
import { numberActionCommands } from './numbers-actions'
import { fieldsError, wholeNumberOption } from '../usage'
import { numberChangeCommands } from './number-changes'

/** The options of `numbers search`, by the query field each one fills. */
const searchFlags = {
  type: '--type',
  state: '--state',
  rateCenter: '--rate-center',
  npa: '--npa',
  nxx: '--nxx',
  tollFreePrefix: '--toll-free-prefix',
  country: '--country',
  city: '--city',
  limit: '--limit',
} as const

const numberLine = (n: PhoneNumberRecord): string =>
  `${n.e164}\t${n.carrier}\t${n.type}\t${n.status}\t${n.state ?? ''}\t${n.rateCenter ?? ''}`

export function numbersCommands(program: Command, cli: CommandContext): void {
  const { io, openDesk, out, print } = cli
  const numbers = program.command('numbers').description('cached phone numbers')
  numberChangeCommands(numbers, cli)
  numbers
    .command('list')
    .description('list cached numbers, streamed (--json: one object; --ndjson: one number per line)')
    .addOption(new Option('--carrier <carrier>').choices(knownCarriers().map((carrier) => carrier.id)))
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
        const format = options.ndjson ? 'ndjson' : cli.json() ? 'json' : 'text'
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
    .description('search the carriers that sell numbers (nothing is bought); `numbers buy` takes the offer ids, the last column')
    .addOption(new Option('--type <type>').choices(['local', 'toll-free', 'international']).default('local'))
    .option('--state <XX>')
    .option('--rate-center <name>')
    .option('--npa <npa>')
    .option('--nxx <nxx>')
    .option('--toll-free-prefix <8xx>')
    .option('--country <XX>')
    .option('--city <id>', 'a city of --country by its id (see `numbers countries`)')
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
        city?: string
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
          city: options.city,
          limit: wholeNumberOption('--limit', options.limit, 1, 500),
        })
        if (!parsed.success) throw fieldsError(parsed.error, searchFlags)
        const accountIds = options.account ? [desk.accounts.find(options.account).id] : undefined
        const result = await desk.buying.search({ query: parsed.data, accountIds }, new AbortController().signal)
        print(result, () => {
          for (const o of result.offers) {
            out(`${o.e164}\t${o.accountName}\t${o.rateCenter ?? ''}\t${o.state ?? ''}\t${o.setupCost ?? ''}\t${o.monthlyCost ?? ''}\t${o.offerId}`)
          }
          for (const f of result.failures) io.stderr.write(`${f.accountName}: ${f.message}\n`)
          out(`${result.offers.length} offers`)
        })
      },
    )

  numberActionCommands(numbers, cli)
}
