/**
 * Vitcom's daily CDR files read into call records: streamed from disk (lib/csv.ts), mapped by their header,
 * whatever the order of its columns, their names among the ones Vitcom and common exports use (`ani` or
 * `from`, `billed_sec` or `billsec`...) and any extra columns (kept in the raw line). A row that cannot be
 * read (too few or too many fields, no id, a start that is not a time, a party missing) is counted and
 * reported by line, never dropped in silence nor guessed at.
 *
 * The doc shows the listing, not the files; the Sandbox's columns are `call_id, start_time, answer_time,
 * end_time, ani, dnis, duration_sec, billed_sec, rate_per_min, charge, disposition, sip_code, cause_code,
 * cause_text, trunk_group`. Times carry no zone: they are read in the account's carrier time zone (UTC by
 * default, as Vitcom writes its other times, e.g. LNP dates).
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { CdrRecord } from '../../../shared/domain'
import { AppError, throwIfAborted } from '../../lib/app-error'
import { readCsvRows } from '../../lib/csv'
import type { CdrFileRead, ReadCdrFileOptions } from '../adapter'
import { partyE164 } from '../kit/call-party'
import { carrierClock } from '../kit/carrier-time'

type Field =
  | 'id'
  | 'start'
  | 'answer'
  | 'end'
  | 'from'
  | 'to'
  | 'duration'
  | 'billed'
  | 'cost'
  | 'disposition'
  | 'sip'
  | 'causeCode'
  | 'causeText'
  | 'trunk'
  | 'direction'

/** Header names (lower case, letters and digits only) each field is known by. */
const aliases: Record<Field, readonly string[]> = {
  id: ['callid', 'id', 'uuid', 'cdrid', 'calluuid', 'uniqueid'],
  start: ['starttime', 'start', 'startedat', 'callstart', 'startdate', 'setuptime', 'invitetime', 'calldate'],
  answer: ['answertime', 'answeredat', 'answer', 'connecttime'],
  end: ['endtime', 'endedat', 'end', 'disconnecttime', 'hanguptime'],
  from: ['ani', 'from', 'caller', 'callerid', 'src', 'source', 'callingnumber', 'cli'],
  to: ['dnis', 'to', 'called', 'dst', 'callednumber', 'cld'],
  duration: ['durationsec', 'duration', 'talktime', 'durationseconds', 'talksec'],
  billed: ['billedsec', 'billed', 'billsec', 'billableseconds', 'billedseconds', 'billedduration'],
  cost: ['charge', 'cost', 'amount', 'price'],
  disposition: ['disposition', 'status', 'result', 'callstatus'],
  sip: ['sipcode', 'sip', 'sipstatus', 'sipresponse'],
  causeCode: ['causecode', 'q850', 'q850cause', 'q850code', 'releasecause'],
  causeText: ['causetext', 'cause', 'reason', 'hangupcause', 'releasereason'],
  trunk: ['trunkgroup', 'trunk', 'tg', 'trunkid'],
  direction: ['direction', 'calldirection'],
}
const required: readonly Field[] = ['id', 'start', 'from', 'to']
const maxProblems = 20

const normalise = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '')

/** Which column holds each field (-1: none), from the header. */
export function mapHeader(header: readonly string[]): Record<Field, number> {
  const names = header.map(normalise)
  const columns = {} as Record<Field, number>
  for (const field of Object.keys(aliases) as Field[]) {
    columns[field] = aliases[field].map((alias) => names.indexOf(alias)).find((index) => index >= 0) ?? -1
  }
  return columns
}

const dispositions: Record<string, CdrRecord['disposition']> = {
  answered: 'answered',
  answer: 'answered',
  success: 'answered',
  busy: 'busy',
  noanswer: 'no-answer',
  failed: 'failed',
  failure: 'failed',
  congestion: 'failed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  cancel: 'cancelled',
}

function dispositionOf(text: string, billed: number): CdrRecord['disposition'] {
  if (billed > 0) return 'answered'
  const known = dispositions[normalise(text)]
  // A record that billed nothing is not answered, whatever it says (answered = billed > 0).
  if (known === 'answered') return 'other'
  return known ?? 'other'
}

function directionOf(text: string): CdrRecord['direction'] | undefined {
  const value = normalise(text)
  if (['origination', 'orig', 'inbound', 'in', 'incoming'].includes(value)) return 'origination'
  if (['termination', 'term', 'outbound', 'out', 'outgoing'].includes(value)) return 'termination'
  return undefined
}

const wholeSeconds = (text: string): number | undefined => {
  if (text === '') return undefined
  const value = Number(text)
  return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined
}

/** Reads one CDR file into records, in batches handed to `onRows`; what could not be read is counted by line. */
export async function readVitcomCdrFile(options: ReadCdrFileOptions & { accountId: string }): Promise<CdrFileRead> {
  const { signal, onRows, accountId } = options
  const clock = carrierClock(options.timeZone)
  const totalBytes = (await stat(options.file)).size
  const input = createReadStream(options.file, { highWaterMark: 1 << 20 })
  let bytes = 0
  input.on('data', (chunk) => {
    bytes += chunk.length
  })
  let header: string[] | undefined
  let columns: Record<Field, number> | undefined
  let read = 0
  let rejected = 0
  const problems: string[] = []
  const reject = (line: number, reason: string): void => {
    rejected += 1
    if (problems.length < maxProblems) problems.push(`line ${line}: ${reason}`)
  }
  try {
    for await (const rows of readCsvRows(input)) {
      throwIfAborted(signal)
      const records: CdrRecord[] = []
      for (const row of rows) {
        if (!header || !columns) {
          header = row.fields.map((field) => field.trim())
          columns = mapHeader(header)
          const missing = required.filter((field) => columns![field] < 0)
          if (missing.length > 0) {
            throw new AppError('validation', `This CDR file's header has no ${missing.join(', ')} column (it has: ${header.join(', ')})`)
          }
          continue
        }
        read += 1
        const f = row.fields
        if (f.length !== header.length) {
          const cut = row.truncated ? ' (the file ends inside it)' : ''
          reject(row.line, `${f.length} fields, the header has ${header.length}${cut}`)
          continue
        }
        if (row.unclosedQuote) {
          reject(row.line, 'a quoted field is not closed (the file ends inside it)')
          continue
        }
        const at = (field: Field): string => {
          const index = columns![field]
          return index < 0 ? '' : f[index]!.trim()
        }
        const id = at('id')
        const startedAt = clock.parse(at('start'))
        const from = at('from')
        const to = at('to')
        if (id === '') {
          reject(row.line, 'no call id')
          continue
        }
        if (startedAt === undefined) {
          reject(row.line, `start time ${JSON.stringify(at('start'))} is not a time`)
          continue
        }
        if (from === '' || to === '') {
          reject(row.line, 'a party is missing')
          continue
        }
        const direction = directionOf(at('direction')) ?? options.direction
        if (direction === undefined) throw new AppError('validation', 'This CDR file does not say whether its calls are origination or termination: give the direction')
        const duration = wholeSeconds(at('duration')) ?? 0
        const disposition = at('disposition')
        const billedText = at('billed')
        const billed = wholeSeconds(billedText) ?? (normalise(disposition) === 'answered' ? duration : 0)
        const costText = at('cost')
        const cost = costText === '' ? undefined : Number(costText)
        if (cost !== undefined && !Number.isFinite(cost)) {
          reject(row.line, `charge ${JSON.stringify(costText)} is not a number`)
          continue
        }
        const answerText = at('answer')
        const endText = at('end')
        const causeCode = at('causeCode') || undefined
        const sip = at('sip')
        const fromE164 = partyE164(from)
        const toE164 = partyE164(to)
        const trunk = at('trunk')
        records.push({
          accountId,
          carrier: 'vitcom',
          id,
          direction,
          startedAt,
          answeredAt: answerText === '' ? undefined : clock.parse(answerText),
          endedAt: endText === '' ? undefined : clock.parse(endText),
          from: fromE164,
          to: toE164,
          ourNumber: direction === 'origination' ? toE164 : fromE164,
          trunk: trunk === '' ? undefined : trunk,
          durationSeconds: duration,
          billedSeconds: billed,
          disposition: dispositionOf(disposition, billed),
          causeCode: causeCode ?? (sip === '' ? undefined : `SIP ${sip}`),
          causeText: at('causeText') || (disposition === '' ? undefined : disposition),
          cost,
          raw: row.text,
        })
      }
      if (records.length > 0) onRows(records, { rows: read, bytes, totalBytes })
    }
  } finally {
    input.destroy()
  }
  if (!header) throw new AppError('validation', 'This CDR file is empty (no header line)')
  return { header, read, rejected, problems }
}
