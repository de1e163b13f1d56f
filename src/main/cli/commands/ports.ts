/**
 * `carrierdesk ports ...`: the port board from the command line, on the same port service as the Ports
 * screen: list, check, submit (the carrier's own submit body from a JSON file, with documents), show,
 * update (edit and resubmit), cancel, delete, activate, documents, forwarding, activation details, track,
 * export and notices. Every change
 * at a carrier is confirmed (--yes, or "yes" typed on a terminal) and can be previewed with --dry-run.
 */
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { Option, type Command } from 'commander'
import { ipcContract, PortStatusSchema, type PortDocumentInput } from '../../../shared/ipc-shared'
import type { PortStatus } from '../../../shared/domain'
import type { PortDetailField, PortOrderDetail } from '../../../shared/ports'
import { AppError } from '../../lib/app-error'
import type { CarrierDesk } from '../../core/carrierdesk'
import { confirmMutation } from '../confirm'
import type { CommandContext } from '../context'
import { fieldsError, optionValueError } from '../usage'

const noSignal = (): AbortSignal => new AbortController().signal

/** Reads a JSON file given to an option, or says which option and why it cannot be read. */
async function readJsonFile(flag: string, path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    throw new AppError('validation', `${flag}: cannot read ${path}`, { fields: { [flag]: 'cannot be read' } })
  }
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new AppError('validation', `${flag}: ${path} is not JSON`, { fields: { [flag]: 'not JSON' } })
  }
}

/**
 * A document as `[KIND=]FILE` (`loa=./loa.pdf`; without a kind, the carrier's first kind, its LOA), read
 * after its size is checked against the carrier's limit, so an oversized file is refused before it is read.
 */
async function readDocument(desk: CarrierDesk, accountId: string, spec: string): Promise<PortDocumentInput> {
  const account = desk.accounts.find(accountId)
  const form = desk.registry.get(account.carrier).portForm
  if (!form) throw new AppError('validation', `--document: ${desk.registry.get(account.carrier).name} takes no port documents`)
  const match = /^([a-z][\w-]*)=(.+)$/i.exec(spec)
  const kind = match?.[1] ?? form.documents[0]?.kind ?? 'loa'
  const path = match?.[2] ?? spec
  if (!form.documents.some((each) => each.kind === kind)) {
    throw new AppError('validation', `--document: ${kind} is not a kind ${account.name} takes (${form.documents.map((each) => each.kind).join(', ')})`)
  }
  let size: number
  try {
    size = (await stat(path)).size
  } catch {
    throw new AppError('validation', `--document: cannot read ${path}`)
  }
  if (size > form.maxDocumentBytes) {
    throw new AppError('validation', `--document: ${path} is ${(size / 1_048_576).toFixed(1)} MB; at most ${(form.maxDocumentBytes / 1_048_576).toFixed(0)} MB`)
  }
  const bytes = await readFile(path)
  return { kind, name: basename(path), contentBase64: bytes.toString('base64') }
}

const fieldLine = (field: PortDetailField): string => `  ${field.label}: ${field.masked ? '(given, not shown)' : (field.value ?? '')}`

function statusOption(value: string | undefined): PortStatus | undefined {
  if (value === undefined) return undefined
  const parsed = PortStatusSchema.safeParse(value)
  if (!parsed.success) throw new AppError('validation', `--status: '${value}' is not one of ${PortStatusSchema.options.join(', ')}`)
  return parsed.data
}

export function portsCommands(program: Command, cli: CommandContext): void {
  const { io, openDesk, out, print } = cli
  const ports = program.command('ports').description('the port board: orders at every carrier, checks, new ports and their changes')
  const accountId = (name: string): string => openDesk().accounts.find(name).id

  ports
    .command('list')
    .description('every cached port order (sync ports first), filtered')
    .option('--account <name>')
    .option('--status <status>', `one of ${PortStatusSchema.options.join(', ')}`)
    .option('--search <text>', 'an order id, a number (any format, or its last digits), an account or a rejection')
    .action((options: { account?: string; status?: string; search?: string }) => {
      const desk = openDesk()
      const board = desk.ports.board({ accountId: options.account ? accountId(options.account) : undefined, status: statusOption(options.status), search: options.search })
      print(board, () => {
        for (const row of board.rows) {
          out(`${row.orderId}\t${row.status}\t${row.focDate ?? ''}\t${row.accountName}\t${row.numbers.join(' ')}${row.rejectionReason ? `\t${row.rejectionReason}` : ''}`)
        }
        out(`${board.total} order${board.total === 1 ? '' : 's'}`)
      })
    })

  ports
    .command('check <numbers...>')
    .description('whether numbers can be ported in, at one account or at every account that ports')
    .option('--account <name>', 'only this account')
    .action(async (numbers: string[], options: { account?: string }) => {
      const desk = openDesk()
      const result = await desk.ports.check({ numbers, accountIds: options.account ? [accountId(options.account)] : undefined }, noSignal())
      const results = result.accounts.flatMap((account) => account.results.map((line) => ({ accountName: account.accountName, carrier: account.carrier, ...line })))
      const errors = result.accounts.filter((account) => account.error).map((account) => ({ accountName: account.accountName, carrier: account.carrier, error: account.error }))
      print({ results, invalid: result.invalid, errors }, () => {
        for (const line of results) out(`${line.e164}\t${line.portable ? 'portable' : 'not portable'}\t${line.accountName}${line.message ? `\t${line.message}` : ''}`)
        for (const bad of result.invalid) out(`${bad.input}\tinvalid\t${bad.reason}`)
        for (const error of errors) out(`${error.accountName}\tnot checked\t${error.error ?? ''}`)
      })
    })

  ports
    .command('submit')
    .description("a new port order: the carrier's own submit body (see the README), checked, confirmed and sent once")
    .requiredOption('--account <name>')
    .requiredOption('--file <ORDER.json>', "the carrier's submit body")
    .option('--document <[kind=]file>', 'a document (PDF, PNG or JPG), repeatable', (value: string, all: string[]) => [...all, value], [] as string[])
    .option('--dry-run', 'check the order and list what would be sent; send nothing')
    .option('--yes', 'confirm without asking')
    .action(async (options: { account: string; file: string; document: string[]; dryRun?: boolean; yes?: boolean }) => {
      const desk = openDesk()
      const id = accountId(options.account)
      // The body holds the losing carrier's PIN: from here on no unknown error's text is shown.
      cli.readSecrets()
      const order = await readJsonFile('--file', options.file)
      const preview = await desk.ports.preview({ accountId: id, order })
      const documents = await Promise.all(options.document.map((spec) => readDocument(desk, id, spec)))
      const summary = [
        `Port ${preview.numbers.length} number${preview.numbers.length === 1 ? '' : 's'} in at ${options.account}: ${preview.numbers.join(', ')}`,
        ...preview.summary.map(fieldLine),
        ...documents.map((document) => `  Document (${document.kind}): ${document.name}`),
      ].join('\n')
      if (options.dryRun) {
        print({ dryRun: true, ...preview, documents: documents.map(({ kind, name }) => ({ kind, name })) }, () => out(summary))
        return
      }
      await confirmMutation(io, { summary, yes: options.yes })
      const result = await desk.ports.submit({ accountId: id, order, documents }, noSignal())
      print(result, () => {
        out(`${result.orderId}\t${result.message}`)
        for (const document of result.documents) out(`  ${document.kind} ${document.name}: ${document.ok ? 'attached' : document.message}`)
      })
    })

  ports
    .command('show <orderId>')
    .description("one order's detail, read from the carrier (the cache when it cannot be reached)")
    .requiredOption('--account <name>')
    .action(async (orderId: string, options: { account: string }) => {
      const detail = await openDesk().ports.detail({ accountId: accountId(options.account), orderId }, noSignal())
      print(detail, () => showDetail(out, detail))
    })

  ports
    .command('update <orderId>')
    .description("edit an order and resubmit it (the changed fields of the carrier's submit body)")
    .requiredOption('--account <name>')
    .requiredOption('--file <CHANGES.json>', 'the fields to change')
    .option('--dry-run', 'check the changes and list them; send nothing')
    .option('--yes', 'confirm without asking')
    .action(async (orderId: string, options: { account: string; file: string; dryRun?: boolean; yes?: boolean }) => {
      const desk = openDesk()
      const id = accountId(options.account)
      cli.readSecrets()
      const changes = await readJsonFile('--file', options.file)
      const preview = await desk.ports.previewChanges({ accountId: id, orderId, changes })
      const summary = [`Edit and resubmit port ${orderId} at ${options.account}:`, ...preview.summary.map(fieldLine)].join('\n')
      if (options.dryRun) {
        print({ dryRun: true, ...preview }, () => out(summary))
        return
      }
      await confirmMutation(io, { summary, yes: options.yes })
      const result = await desk.ports.update({ accountId: id, orderId, changes }, noSignal())
      print(result, () => out(result.message))
    })

  const orderChange = (name: 'cancel' | 'delete' | 'activate', description: string, verb: string): void => {
    ports
      .command(`${name} <orderId>`)
      .description(description)
      .requiredOption('--account <name>')
      .option('--number <e164>', 'only this number of the order')
      .option('--yes', 'confirm without asking')
      .action(async (orderId: string, options: { account: string; number?: string; yes?: boolean }) => {
        const desk = openDesk()
        const id = accountId(options.account)
        const number = options.number === undefined ? undefined : normalisedNumber(options.number)
        await confirmMutation(io, { summary: `${verb} ${number ? `${number} of ` : ''}port ${orderId} at ${options.account}`, yes: options.yes })
        const input = { accountId: id, orderId, number }
        const result = await (name === 'cancel' ? desk.ports.cancel(input, noSignal()) : name === 'delete' ? desk.ports.discard(input, noSignal()) : desk.ports.activate(input, noSignal()))
        print(result, () => out(result.message))
      })
  }
  orderChange('cancel', 'cancel an order, a sub order or one number', 'Cancel')
  orderChange('delete', 'delete a draft (or cancelled) order, or one of its numbers', 'Delete')
  orderChange('activate', 'activate an order, or one number, once its FOC date has come', 'Activate')

  const documents = ports.command('documents').description("an order's documents (LOA, copy of bill)")
  documents
    .command('add <orderId> <file>')
    .description('attach a document, [kind=]file (PDF, PNG or JPG; the size is checked before sending)')
    .requiredOption('--account <name>')
    .option('--yes', 'confirm without asking')
    .action(async (orderId: string, file: string, options: { account: string; yes?: boolean }) => {
      const desk = openDesk()
      const id = accountId(options.account)
      const document = await readDocument(desk, id, file)
      await confirmMutation(io, { summary: `Attach ${document.name} (${document.kind}) to port ${orderId} at ${options.account}`, yes: options.yes })
      const result = await desk.ports.addDocument({ accountId: id, orderId, document }, noSignal())
      print(result, () => out(result.message))
    })
  documents
    .command('remove <orderId> <kind>')
    .description('remove the document of a kind (loa, bill, ...)')
    .requiredOption('--account <name>')
    .option('--yes', 'confirm without asking')
    .action(async (orderId: string, kind: string, options: { account: string; yes?: boolean }) => {
      const desk = openDesk()
      const id = accountId(options.account)
      await confirmMutation(io, { summary: `Remove the ${kind} document of port ${orderId} at ${options.account}`, yes: options.yes })
      const result = await desk.ports.removeDocument({ accountId: id, orderId, kind }, noSignal())
      print(result, () => out(result.message))
    })

  ports
    .command('forwarding <orderId>')
    .description('update where calls to the numbers go while they port (FORWARDING.json: {entries?, preconfigured?})')
    .requiredOption('--account <name>')
    .requiredOption('--file <FORWARDING.json>', '{"entries": [{"sequence", "method": NUM|IP|URI|TRUNK, "value", "timeoutSeconds", "forwardingTypeId"}], "preconfigured": false}')
    .option('--yes', 'confirm without asking')
    .action(async (orderId: string, options: { account: string; file: string; yes?: boolean }) => {
      const desk = openDesk()
      const id = accountId(options.account)
      const given = await readJsonFile('--file', options.file)
      const parsed = ipcContract['ports.updateForwarding'].input.safeParse({ ...(typeof given === 'object' && given !== null ? given : {}), accountId: id, orderId, confirmed: true })
      if (!parsed.success) throw optionValueError('--file', parsed.error)
      const { entries, preconfigured } = parsed.data
      const lines = (entries ?? []).map((entry) => `  ${entry.sequence}. ${entry.method} ${entry.value} (${entry.timeoutSeconds} s)`)
      await confirmMutation(io, { summary: [`Update the forwarding of port ${orderId} at ${options.account}:`, ...lines].join('\n'), yes: options.yes })
      const result = await desk.ports.updateForwarding({ accountId: id, orderId, entries, preconfigured }, noSignal())
      print(result, () => out(result.message))
    })
  ports
    .command('activation <orderId>')
    .description('how and when one number goes live once its FOC date has come')
    .requiredOption('--account <name>')
    .requiredOption('--number <e164>')
    .addOption(new Option('--type <type>').choices(['Auto', 'Manual', 'Scheduled']).makeOptionMandatory())
    .requiredOption('--date <date>', 'YYYY-MM-DD or ISO 8601')
    .option('--yes', 'confirm without asking')
    .action(async (orderId: string, options: { account: string; number: string; type: string; date: string; yes?: boolean }) => {
      const desk = openDesk()
      const id = accountId(options.account)
      const number = normalisedNumber(options.number)
      const parsed = ipcContract['ports.updateActivation'].input.safeParse({ accountId: id, orderId, number, activationType: options.type, activationDate: options.date, confirmed: true })
      if (!parsed.success) throw fieldsError(parsed.error, { activationDate: '--date', activationType: '--type', number: '--number' })
      await confirmMutation(io, { summary: `Activate ${number} of port ${orderId} at ${options.account}: ${options.type} on ${options.date}`, yes: options.yes })
      const result = await desk.ports.updateActivation({ accountId: id, orderId, number, activationType: options.type, activationDate: parsed.data.activationDate }, noSignal())
      print(result, () => out(result.message))
    })

  ports
    .command('track <portId>')
    .description('follow a port the carrier cannot list (VoIP Innovations), refreshed by every sync')
    .requiredOption('--account <name>')
    .action(async (portId: string, options: { account: string }) => {
      if (!/^\d{1,12}$/.test(portId.trim())) throw new AppError('validation', '<portId>: a port id is a whole number')
      const order = await openDesk().ports.track({ accountId: accountId(options.account), portId: portId.trim() }, noSignal())
      print(order, () => out(`${order.id}\t${order.status}\t${order.focDate ?? ''}\t${order.numbers.join(' ')}`))
    })
  ports
    .command('untrack <portId>')
    .description('stop following a tracked port')
    .requiredOption('--account <name>')
    .action(async (portId: string, options: { account: string }) => {
      const result = await openDesk().ports.untrack({ accountId: accountId(options.account), portId: portId.trim() })
      print(result, () => out(result.removed ? `No longer tracking ${portId}` : `${portId} was not tracked`))
    })

  ports
    .command('export')
    .description("the board (filtered) to CSV, or with --carrier the carrier's own export of its orders")
    .option('--account <name>')
    .option('--status <status>')
    .option('--search <text>')
    .option('--carrier-export', "the carrier's own CSV (needs --account; --order for one order's sub orders or numbers)")
    .option('--order <orderId>')
    .addOption(new Option('--time-zone <zone>', 'for the as-of column').default(Intl.DateTimeFormat().resolvedOptions().timeZone))
    .action(async (options: { account?: string; status?: string; search?: string; carrierExport?: boolean; order?: string; timeZone: string }) => {
      const desk = openDesk()
      const result = await desk.ports.export(
        {
          source: options.carrierExport ? 'carrier' : 'board',
          accountId: options.account ? accountId(options.account) : undefined,
          orderId: options.order,
          status: statusOption(options.status),
          search: options.search,
          timeZone: options.timeZone,
        },
        noSignal(),
      )
      print(result, () => out(`${result.file}\t${result.rows} rows`))
    })

  ports
    .command('notices')
    .description('what changed in port orders between syncs (FOC set or moved, completed, rejected)')
    .option('--mark-seen', 'mark them all seen (clears the badge on the Ports screen)')
    .action((options: { markSeen?: boolean }) => {
      const desk = openDesk()
      const notices = desk.ports.notices()
      if (options.markSeen) desk.ports.markNoticesSeen({})
      print(notices, () => {
        for (const notice of notices.notices) out(`${new Date(notice.at).toISOString()}\t${notice.seenAt ? ' ' : '*'}\t${notice.title}\t${notice.message}`)
        out(`${notices.unseen} unseen`)
      })
    })
}

/** A number given to --number, in E.164 (any US format is understood). */
function normalisedNumber(value: string): string {
  const digits = value.replace(/[^\d]/g, '')
  const e164 = value.trim().startsWith('+') ? `+${digits}` : digits.length === 10 ? `+1${digits}` : digits.length === 11 && digits.startsWith('1') ? `+${digits}` : ''
  if (!/^\+[1-9]\d{7,14}$/.test(e164)) throw new AppError('validation', `--number: '${value}' is not a phone number`)
  return e164
}

function showDetail(out: (text: string) => void, detail: PortOrderDetail): void {
  const { order } = detail
  out(`${order.id}\t${order.status}${order.focDate ? `\tFOC ${order.focDate}` : ''}${detail.fromCache ? '\t(from the cache)' : ''}`)
  if (detail.message) out(detail.message)
  if (detail.rejection) out(`Rejected: ${detail.rejection.reason}`)
  for (const line of order.lines ?? order.numbers.map((e164) => ({ e164, status: order.status, focDate: undefined }))) {
    out(`  ${line.e164}\t${line.status}${line.focDate ? `\tFOC ${line.focDate}` : ''}`)
  }
  if (detail.accountData.length > 0) out('Account data:')
  for (const field of detail.accountData) out(fieldLine(field))
  for (const document of detail.documents) out(`Document ${document.label}: ${document.attached ? (document.file ?? 'attached') : 'not attached'}`)
  for (const sibling of detail.siblings) out(`Sub order ${sibling.id}\t${sibling.status}`)
}
