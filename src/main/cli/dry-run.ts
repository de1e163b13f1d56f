/**
 * What a dry run prints (`numbers change --dry-run`, `changes apply --dry-run`): per number and field the
 * value cached now, what would be sent, and the checks' warnings and errors; nothing is sent. A dry run
 * where any item would be refused exits 1.
 */
import type { ItemCheck } from '../../shared/ipc-shared'
import { fieldLabel } from '../../shared/number-edits'
import { AppError } from '../lib/app-error'
import type { CommandContext } from './context'

export interface CheckedItem extends ItemCheck {
  accountName: string
  carrier: string
  after: string
  before?: string | undefined
}

export const checkCounts = (items: readonly ItemCheck[]): { ok: number; warnings: number; errors: number } => ({
  ok: items.filter((item) => item.level === 'ok').length,
  warnings: items.filter((item) => item.level === 'warning').length,
  errors: items.filter((item) => item.level === 'error').length,
})

/** One line per item and one per problem, for people. */
export function printCheckedItems(cli: CommandContext, items: readonly CheckedItem[]): void {
  for (const item of items) {
    const line = [item.e164, item.accountName, fieldLabel(item.field), `${item.current ?? item.before ?? '(none)'} → ${item.after}`, item.level].join('\t')
    cli.out(line)
    for (const problem of item.problems) cli.out(`  ${problem.level}: ${problem.message}`)
  }
}

/** Prints a dry run (`--json`: `{dryRun: true, ...extra, items, ok, warnings, errors}`); exit 1 when any item would be refused. */
export function reportDryRun(cli: CommandContext, items: readonly CheckedItem[], extra: Record<string, unknown> = {}): void {
  const counts = checkCounts(items)
  cli.print({ dryRun: true, ...extra, items, ...counts }, () => {
    printCheckedItems(cli, items)
    cli.out(`Dry run, nothing sent: ${counts.ok} ok, ${counts.warnings} with warnings, ${counts.errors} refused`)
  })
  if (counts.errors > 0) throw new AppError('conflict', `${counts.errors} of ${items.length} would be refused; see the errors above`)
}
