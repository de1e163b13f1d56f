/** `carrierdesk sync`: refreshes the cache, with progress lines on stderr; Ctrl+C cancels. */
import type { Command } from 'commander'
import { z } from 'zod'
import { syncAreas, type SyncArea } from '../../../shared/domain'
import { AppError } from '../../lib/app-error'
import type { CommandContext } from '../context'

export function syncCommands(program: Command, cli: CommandContext): void {
  const { io, openDesk, out, print } = cli
  program
    .command('sync')
    .description('refresh the cache from the carriers (progress on stderr)')
    .option('--account <name>', 'only this account')
    .option('--only <areas>', `comma-separated: ${syncAreas.join(',')}`)
    .action(async (options: { account?: string; only?: string }) => {
      const desk = openDesk()
      const areas = options.only?.split(',').map((area) => area.trim())
      const parsedAreas = z.array(z.enum(syncAreas as [SyncArea, ...SyncArea[]])).min(1).safeParse(areas)
      if (areas && !parsedAreas.success) throw new AppError('validation', `--only: takes ${syncAreas.join(', ')} (comma-separated)`)
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
}
