/**
 * A change set as CSV, one row per number and field, for review and editing in a spreadsheet:
 * `account,carrier,number,field,before,after,outcome,message`. An import reads `account` (name or id),
 * `number`, `field` and `after`; the other columns are for people and are ignored.
 *
 * `after` is written the way a person would type it: routing `trunk:ID` or `forward:+1NXXNXXXXXX`, a CNAM
 * as is (empty removes it), a status, tags as `+add -remove`, `release`; every other field (E911, 411,
 * fax, and kinds added later) as the JSON of the change without its kind, e.g.
 * `{"address":{"callerName":"ACME",...}}`.
 */
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { z } from 'zod'
import { NumberChangeSchema, NumberEditSchema, type ChangeSetItem } from '../../../shared/ipc-shared'
import { editField, normaliseTag, type NumberEdit } from '../../../shared/number-edits'
import { AppError } from '../../lib/app-error'

export const csvColumns = ['account', 'carrier', 'number', 'field', 'before', 'after', 'outcome', 'message'] as const

/** The fields an edit can touch: every kind of change the contract knows, tags and release. */
export const editFields: readonly string[] = [...NumberChangeSchema.options.map((option) => option.shape.kind.value), 'tags', 'release']

/** An edit's `after` cell. */
export function editText(edit: NumberEdit): string {
  if (edit.kind === 'release') return 'release'
  if (edit.kind === 'tags') return [...edit.add.map((tag) => `+${tag}`), ...edit.remove.map((tag) => `-${tag}`)].join(' ')
  const { change } = edit
  switch (change.kind) {
    case 'routing':
      return change.routing.kind === 'trunk' ? `trunk:${change.routing.trunk}` : `forward:${change.routing.destination}`
    case 'cnam':
      return change.cnam ?? ''
    case 'status':
      return change.status
    default: {
      const { kind: _kind, ...rest } = change
      return JSON.stringify(rest)
    }
  }
}

/** The edit a field's `after` cell stands for; a bad cell throws a message for its row. */
export function parseEditText(field: string, text: string): NumberEdit {
  const value = text.trim()
  if (field === 'release') return { kind: 'release' }
  if (field === 'tags') {
    const add: string[] = []
    const remove: string[] = []
    for (const token of value.split(/\s+/).filter(Boolean)) {
      if (token.startsWith('-')) remove.push(normaliseTag(token.slice(1)))
      else add.push(normaliseTag(token.replace(/^\+/, '')))
    }
    return parsed(NumberEditSchema, { kind: 'tags', add: add.filter(Boolean), remove: remove.filter(Boolean) })
  }
  let change: unknown
  switch (field) {
    case 'routing': {
      const match = /^(trunk|forward)\s*[:\s]\s*(.+)$/i.exec(value)
      const kind = match?.[1]?.toLowerCase() ?? 'trunk'
      const target = (match?.[2] ?? value).trim()
      change = kind === 'forward' ? { kind: 'routing', routing: { kind: 'forward', destination: target.replace(/[\s().-]/g, '') } } : { kind: 'routing', routing: { kind: 'trunk', trunk: target } }
      break
    }
    case 'cnam':
      change = { kind: 'cnam', cnam: value === '' ? null : value }
      break
    case 'status':
      change = { kind: 'status', status: value.toLowerCase() }
      break
    default: {
      let fields: unknown
      try {
        fields = JSON.parse(value)
      } catch {
        throw new Error(`${field} takes the JSON of the change, e.g. ${field === 'e911' ? '{"address":{"callerName":...}}' : '{...}'}`)
      }
      if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new Error(`${field} takes a JSON object`)
      change = { ...fields, kind: field }
    }
  }
  return { kind: 'change', change: parsed(NumberChangeSchema, change) }
}

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  throw new Error(issue ? `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}` : 'not valid')
}

/** A number as typed in a sheet: E.164, or ten NANP digits however punctuated. */
export function parseNumber(text: string): string | undefined {
  const digits = text.replace(/[\s().-]/g, '')
  const e164 = /^\d{10}$/.test(digits) ? `+1${digits}` : /^1\d{10}$/.test(digits) ? `+${digits}` : digits
  return /^\+[1-9]\d{6,14}$/.test(e164) ? e164 : undefined
}

/** One item as a row of the CSV, by column. */
export function csvRecord(item: ChangeSetItem): Record<(typeof csvColumns)[number], string> {
  return {
    account: item.accountName,
    carrier: item.carrier,
    number: item.e164,
    field: item.field,
    before: item.before ?? '',
    after: editText(item.edit),
    outcome: item.outcome ?? '',
    message: item.message ?? '',
  }
}

export function setToCsv(items: readonly ChangeSetItem[]): string {
  return stringify(items.map(csvRecord), { header: true, columns: [...csvColumns] })
}

export interface CsvRow {
  /** The row's line in the file (the header is line 1). */
  line: number
  account: string
  e164: string
  edit: NumberEdit
}

/**
 * The rows of a change set CSV, all checked: any bad row (or a number and field twice) is a validation
 * error naming each row's problem (the first 20), and nothing is returned for a file with one.
 */
export function parseSetCsv(text: string): CsvRow[] {
  let records: Record<string, string>[]
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()), skip_empty_lines: true, trim: false, relax_column_count: true })
  } catch (error) {
    throw new AppError('validation', `csv: not a CSV file (${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'})`, { fields: { csv: 'Not CSV' } })
  }
  const missing = ['account', 'number', 'field', 'after'].filter((column) => records.length > 0 && !(column in (records[0] ?? {})))
  if (records.length === 0) throw new AppError('validation', 'csv: no rows under the header', { fields: { csv: 'No rows' } })
  if (missing.length > 0) throw new AppError('validation', `csv: the header lacks ${missing.join(', ')} (expected ${csvColumns.join(',')})`, { fields: { csv: 'Header' } })
  const problems: Record<string, string> = {}
  const rows: CsvRow[] = []
  const seen = new Set<string>()
  records.forEach((record, index) => {
    const line = index + 2
    const account = (record.account ?? '').trim()
    const e164 = parseNumber(record.number ?? '')
    const field = (record.field ?? '').trim()
    try {
      if (!account) throw new Error('account: required')
      if (!e164) throw new Error(`number: "${(record.number ?? '').slice(0, 30)}" is not a phone number`)
      if (!editFields.includes(field)) throw new Error(`field: "${field.slice(0, 30)}" is not one of ${editFields.join(', ')}`)
      const edit = parseEditText(field, record.after ?? '')
      if (editField(edit) !== field) throw new Error(`field: ${field} does not match its change`)
      const key = `${account.toLowerCase()} ${e164} ${field}`
      if (seen.has(key)) throw new Error(`${e164} ${field} is already in an earlier row`)
      seen.add(key)
      rows.push({ line, account, e164, edit })
    } catch (error) {
      problems[`row ${line}`] = error instanceof Error ? error.message : String(error)
    }
  })
  const listed = Object.entries(problems)
  if (listed.length > 0) {
    const shown = listed.slice(0, 20).map(([row, message]) => `${row}: ${message}`)
    if (listed.length > 20) shown.push(`…and ${listed.length - 20} more rows`)
    throw new AppError('validation', `csv: ${shown.join('; ')}`, { fields: Object.fromEntries(listed.slice(0, 20)) })
  }
  return rows
}
