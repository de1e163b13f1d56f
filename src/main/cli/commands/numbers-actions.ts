/**
 * `carrierdesk numbers change|release|buy|bulk-order|bulk-order-status`: the Numbers and Buy screens'
 * actions, through the same core. Each mutation is previewed (the checks of a change set's dry run: the
 * carrier's capabilities and field rules, the cache), confirmed (`--yes`, or typed on a terminal), sent once
 * as a job (Ctrl+C cancels between carrier calls) and reported number by number; `--dry-run` prints what
 * would be sent and sends nothing.
 */
import type { Command } from 'commander'
import type { NumberKey } from '../../../shared/domain'
import { ipcContract } from '../../../shared/ipc-shared'
import { describeEdit, fieldLabel, type NumberEdit } from '../../../shared/number-edits'
import { parseNumber } from '../../core/change-sets/csv'
import type { CarrierDesk } from '../../core/carrierdesk'
import { AppError } from '../../lib/app-error'
import { addChangeOptions, changeFlagNames, editsFromOptions } from '../change-flags'
import { confirmMutation } from '../confirm'
import type { CommandContext } from '../context'
import { printCheckedItems, reportDryRun, type CheckedItem } from '../dry-run'
import { reportLines, runJob, type ReportedLine } from '../outcomes'
import { fieldsError, wholeNumberOption } from '../usage'

/** The numbers given as arguments, as E.164 (ten NANP digits are taken too), each once. */
export function numberArguments(values: readonly string[]): string[] {
  const numbers = values.map((value) => {
    const e164 = parseNumber(value)
    if (!e164) throw new AppError('validation', `<e164...>: "${value.slice(0, 30)}" is not a phone number (E.164, like +13055550100)`)
    return e164
  })
  return [...new Set(numbers)]
}

/** The checks of each edit on each number, as a dry run prints them. */
export function previewEdits(desk: CarrierDesk, targets: readonly NumberKey[], edits: readonly NumberEdit[]): CheckedItem[] {
  return desk.changeSets
    .preview(targets.flatMap((key) => edits.map((edit) => ({ key, edit }))))
    .map(({ item, ...check }) => ({ ...check, accountName: item.accountName, carrier: item.carrier, before: item.before, after: item.after }))
}

/**
 * A number group given by id or by name (`--group Sales`) as the carrier knows it: the id to send and the
 * name to show, read from the account's groups now; a group the account does not have is refused.
 */
async function withGroupNames(desk: CarrierDesk, accountName: string, edits: NumberEdit[]): Promise<NumberEdit[]> {
  if (!edits.some((edit) => edit.kind === 'change' && edit.change.kind === 'group' && edit.change.groupId !== null)) return edits
  const account = desk.accounts.find(accountName)
  const { groups } = await desk.features.groups({ accountId: account.id }, new AbortController().signal)
  return edits.map((edit) => {
    if (edit.kind !== 'change' || edit.change.kind !== 'group' || edit.change.groupId === null) return edit
    const wanted = edit.change.groupId
    const group = groups.find((each) => each.id === wanted || each.name.toLowerCase() === wanted.toLowerCase())
    if (!group) throw new AppError('validation', `--group: ${account.name} has no group "${wanted}" (groups: ${groups.map((g) => `${g.id} ${g.name}`).join(', ')})`)
    return { kind: 'change', change: { kind: 'group', groupId: group.id, groupName: group.name } }
  })
}

interface MutationOptions {
  account: string
  dryRun?: boolean
  yes?: boolean
}

/**
 * Previews the edits, then (unless a dry run) asks for confirmation and sends the numbers the checks let
 * through, one job per edit; the refused ones are reported skipped.
 */
async function changeNumbers(cli: CommandContext, e164s: string[], edits: NumberEdit[], options: MutationOptions): Promise<void> {
  const desk = cli.openDesk()
  const account = desk.accounts.find(options.account)
  const targets = numberArguments(e164s).map((e164) => ({ accountId: account.id, e164 }))
  const checked = previewEdits(desk, targets, edits)
  if (options.dryRun) {
    reportDryRun(cli, checked)
    return
  }
  const refused = checked.filter((item) => item.level === 'error')
  const summary = edits
    .map((edit) => {
      const field = edit.kind === 'change' ? edit.change.kind : edit.kind
      const sent = checked.filter((item) => item.field === field && item.level !== 'error').length
      return `${fieldLabel(field)} → ${describeEdit(edit)} on ${sent} number(s) at ${account.name}`
    })
    .join('\n')
  if (!cli.json()) {
    const stderrCli = { ...cli, out: (text: string) => void cli.io.stderr.write(`${text}\n`) }
    printCheckedItems(stderrCli, checked)
  }
  const lines: ReportedLine[] = refused.map((item) => ({
    accountId: item.accountId,
    e164: item.e164,
    field: item.field,
    ok: false,
    code: 'skipped',
    message: `Not sent: ${item.problems.filter((p) => p.level === 'error').map((p) => p.message).join('; ')}`,
  }))
  if (refused.length < checked.length) {
    await confirmMutation(cli.io, { summary: `${summary}${refused.length ? `\n(${refused.length} refused by the checks, not sent)` : ''}`, yes: options.yes })
    for (const edit of edits) {
      const field = edit.kind === 'change' ? edit.change.kind : edit.kind
      const sendable = checked.filter((item) => item.field === field && item.level !== 'error').map((item) => ({ accountId: item.accountId, e164: item.e164 }))
      if (sendable.length === 0) continue
      if (edit.kind === 'tags') {
        desk.numbers.tag({ targets: sendable, add: edit.add, remove: edit.remove })
        lines.push(...sendable.map((target) => ({ ...target, field, ok: true })))
        continue
      }
      const result = await runJob(cli, (jobId, signal) =>
        edit.kind === 'release' ? desk.numbers.release({ jobId, targets: sendable }, signal) : desk.numbers.change({ jobId, targets: sendable, change: edit.change }, signal),
      )
      lines.push(...result.lines.map((line) => ({ ...line, field })))
    }
  }
  reportLines(cli, lines)
}

export function numberActionCommands(numbers: Command, cli: CommandContext): void {
  const { openDesk, out, print } = cli

  const change = numbers
    .command('change <e164...>')
    .description(`change numbers at their carrier (or their local tags): one or more of ${changeFlagNames()}`)
    .requiredOption('--account <name>', 'the account the numbers belong to')
  addChangeOptions(change)
  change
    .option('--dry-run', 'print what would be sent, with the checks, and send nothing')
    .option('--yes', 'confirm without asking')
    .action(async (e164s: string[], options: MutationOptions & Record<string, unknown>) => {
      const edits = editsFromOptions(options)
      if (edits.length === 0) throw new AppError('validation', `a change is missing: give one of ${changeFlagNames()}`)
      await changeNumbers(cli, e164s, await withGroupNames(openDesk(), options.account, edits), options)
    })

  numbers
    .command('release <e164...>')
    .description('release numbers back to their carrier (not undoable)')
    .requiredOption('--account <name>', 'the account the numbers belong to')
    .option('--dry-run', 'print what would be released and send nothing')
    .option('--yes', 'confirm without asking')
    .action((e164s: string[], options: MutationOptions) => changeNumbers(cli, e164s, [{ kind: 'release' }], options))

  numbers
    .command('buy <offerId...>')
    .description('buy offers found by `numbers search --json` (their offerId), within the hour')
    .option('--dry-run', 'print what would be bought and buy nothing')
    .option('--yes', 'confirm without asking')
    .action(async (offerIds: string[], options: { dryRun?: boolean; yes?: boolean }) => {
      const desk = openDesk()
      const offers = desk.buying.describe(offerIds)
      const spent = offers.filter((offer) => offer.spent)
      const money = (value: number | undefined): string => (value === undefined ? '?' : `$${value.toFixed(2)}`)
      const total = (key: 'setupCost' | 'monthlyCost'): number => offers.reduce((sum, offer) => sum + (offer[key] ?? 0), 0)
      const listing = offers.map((o) => `${o.e164}\t${o.accountName}\t${o.rateCenter ?? ''} ${o.state ?? ''}\tsetup ${money(o.setupCost)}\tmonthly ${money(o.monthlyCost)}`)
      if (options.dryRun || spent.length > 0) {
        print({ dryRun: options.dryRun === true, offers, setupTotal: total('setupCost'), monthlyTotal: total('monthlyCost') }, () => {
          listing.forEach((line) => out(line))
          out(`${offers.length} number(s): setup ${money(total('setupCost'))}, then ${money(total('monthlyCost'))} a month${options.dryRun ? ' (dry run: nothing bought)' : ''}`)
        })
        if (spent.length > 0) throw new AppError('conflict', `${spent.length} of these offers were already bought or are being bought; sync and search again`)
        return
      }
      await confirmMutation(cli.io, {
        summary: `${listing.join('\n')}\nBuy ${offers.length} number(s): setup ${money(total('setupCost'))}, then ${money(total('monthlyCost'))} a month`,
        yes: options.yes,
      })
      const result = await runJob(cli, (jobId, signal) => desk.buying.purchase({ jobId, offerIds }, signal))
      reportLines(cli, result.lines)
    })

  numbers
    .command('bulk-order')
    .description('order numbers by quantity; the carrier picks them')
    .requiredOption('--account <name>', 'the account to order for')
    .requiredOption('--quantity <n>', 'how many numbers')
    .option('--state <XX>')
    .option('--npa <npa>')
    .option('--rate-center <name>')
    .option('--lata <lata>')
    .option('--dry-run', 'print the order and send nothing')
    .option('--yes', 'confirm without asking')
    .action(async (options: { account: string; quantity: string; state?: string; npa?: string; rateCenter?: string; lata?: string; dryRun?: boolean; yes?: boolean }) => {
      const desk = openDesk()
      const account = desk.accounts.find(options.account)
      const parsed = ipcContract['numbers.bulkOrder'].input.safeParse({
        accountId: account.id,
        quantity: wholeNumberOption('--quantity', options.quantity, 1, 10_000),
        state: options.state,
        npa: options.npa,
        rateCenter: options.rateCenter,
        lata: options.lata,
        confirmed: true,
      })
      if (!parsed.success) throw fieldsError(parsed.error, { state: '--state', npa: '--npa', rateCenter: '--rate-center', lata: '--lata', quantity: '--quantity' })
      const { confirmed: _confirmed, ...request } = parsed.data
      const where = [request.state, request.npa && `NPA ${request.npa}`, request.rateCenter, request.lata && `LATA ${request.lata}`].filter(Boolean).join(', ') || 'anywhere'
      const summary = `Order ${request.quantity} number(s) from ${account.name} (${where})`
      if (options.dryRun) {
        print({ dryRun: true, ...request, accountName: account.name }, () => out(`${summary} (dry run: nothing ordered)`))
        return
      }
      await confirmMutation(cli.io, { summary, yes: options.yes })
      const controller = new AbortController()
      void cli.io.stopSignal.then(() => controller.abort())
      const order = await desk.buying.bulkOrder(request, controller.signal)
      print(order, () => {
        out(`Order ${order.orderId || '(none)'}: ${order.state}, ${order.fulfilled} of ${order.requested}${order.message ? ` (${order.message})` : ''}`)
        order.numbers.forEach((e164) => out(e164))
      })
      if (order.state === 'failed') throw new AppError('carrier', order.message ?? 'The bulk order failed')
    })

  numbers
    .command('bulk-order-status <orderId>')
    .description("a bulk order's state as its carrier reports it")
    .requiredOption('--account <name>', 'the account it was placed for')
    .action(async (orderId: string, options: { account: string }) => {
      const desk = openDesk()
      const order = await desk.buying.bulkOrderStatus({ accountId: desk.accounts.find(options.account).id, orderId }, new AbortController().signal)
      print(order, () => out(`Order ${order.orderId}: ${order.state}, ${order.fulfilled} of ${order.requested}`))
    })
}
