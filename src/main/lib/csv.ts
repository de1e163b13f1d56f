/**
 * A streaming CSV reader (RFC 4180: comma-separated, fields quoted with `"` when they hold a comma, a quote
 * or a line break, `""` inside quotes for a quote, LF or CRLF line ends, an optional UTF-8 BOM).
 *
 * Why not csv-parse (already a dependency, used for small reports): a daily CDR file has a million lines
 * and almost none of them is quoted; csv-parse walks every character through its state machine, about ten
 * times slower than splitting a line with no quote in it, which made the parser, not SQLite, the cost of an
 * ingest. Here a line without a `"` is split at its commas; only a line with one goes through the
 * character scanner, which may span lines and chunks.
 *
 * Rows come in batches (one per chunk read), so a consumer pays one await per batch, not per row. Each row
 * keeps its line number and its text as it was in the file, so what cannot be read can be reported by line
 * and a record's raw line kept exactly.
 */

export interface CsvRow {
  fields: string[]
  /** Line number (1-based) where the row starts. */
  line: number
  /** The row's text as in the file, without its line end. */
  text: string
  /**
   * Set on a last row that the file cut short: no line end after it, or a quoted field never closed (its
   * fields are what could be read).
   */
  truncated?: boolean
  /** Set when that cut came inside a quoted field, which never closed. */
  unclosedQuote?: boolean
}

/** Splits one line's text into fields (the line holds no line break, or its quotes span them). */
export function parseCsvLine(text: string): string[] {
  return text.includes('"') ? scanQuoted(text, 0, text.length, true).fields : text.split(',')
}

interface Scan {
  fields: string[]
  /** Index just past the row's end (after its line end), or -1 when the text ended inside the row. */
  next: number
  /** Where the row's text ends (before its line end). */
  end: number
  closed: boolean
}

/** Scans one row starting at `start`, quotes and all; `atEof` says no more text follows. */
function scanQuoted(text: string, start: number, limit: number, atEof: boolean): Scan {
  const fields: string[] = []
  let field = ''
  let i = start
  let quoted = false
  let closed = true
  for (;;) {
    if (i >= limit) {
      if (!atEof) return { fields, next: -1, end: limit, closed: false }
      if (quoted) closed = false
      fields.push(field)
      return { fields, next: limit, end: limit, closed }
    }
    const c = text.charCodeAt(i)
    if (quoted) {
      if (c === 34 /* " */) {
        if (i + 1 < limit && text.charCodeAt(i + 1) === 34) {
          field += '"'
          i += 2
          continue
        }
        if (i + 1 >= limit && !atEof) return { fields, next: -1, end: limit, closed: false }
        quoted = false
        i += 1
        continue
      }
      field += text[i]
      i += 1
      continue
    }
    if (c === 44 /* , */) {
      fields.push(field)
      field = ''
      i += 1
    } else if (c === 10 /* \n */ || c === 13 /* \r */) {
      fields.push(field)
      const end = i
      if (c === 13 && i + 1 >= limit && !atEof) return { fields, next: -1, end: limit, closed: false }
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1
      return { fields, next: i, end, closed: true }
    } else if (c === 34 && field === '') {
      quoted = true
      i += 1
    } else {
      field += text[i]
      i += 1
    }
  }
}

/**
 * Reads CSV rows from a stream of text or bytes (UTF-8), in batches. Empty lines are skipped. A row the file
 * cut short (no line end at the very end, or an unclosed quote) comes last, marked `truncated`.
 */
export async function* readCsvRows(source: AsyncIterable<string | Buffer>): AsyncGenerator<CsvRow[]> {
  const decoder = new TextDecoder('utf-8')
  let pending = ''
  let line = 1
  let first = true
  for await (const chunk of source) {
    let text = pending + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }))
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      first = false
    }
    const { rows, rest, lines } = parseChunk(text, line, false)
    pending = rest
    line = lines
    if (rows.length > 0) yield rows
  }
  const tail = pending + decoder.decode()
  if (tail.length > 0) {
    const { rows } = parseChunk(first && tail.charCodeAt(0) === 0xfeff ? tail.slice(1) : tail, line, true)
    if (rows.length > 0) yield rows
  }
}

function parseChunk(text: string, firstLine: number, atEof: boolean): { rows: CsvRow[]; rest: string; lines: number } {
  const rows: CsvRow[] = []
  let position = 0
  let line = firstLine
  const length = text.length
  while (position < length) {
    const newline = text.indexOf('\n', position)
    if (newline < 0 && !atEof) break
    const stop = newline < 0 ? length : newline
    const lineEnd = stop > position && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop
    const quote = text.indexOf('"', position)
    if (quote < 0 || quote >= lineEnd) {
      const rowText = text.slice(position, lineEnd)
      if (rowText.length > 0) {
        const row: CsvRow = { fields: rowText.split(','), line, text: rowText }
        if (newline < 0) row.truncated = true
        rows.push(row)
      }
      line += 1
      position = newline < 0 ? length : newline + 1
      continue
    }
    // A quoted field: scan characters (quotes may hold commas and line breaks).
    const scan = scanQuoted(text, position, length, atEof)
    if (scan.next < 0) break
    const rowText = text.slice(position, scan.end)
    const row: CsvRow = { fields: scan.fields, line, text: rowText }
    if (!scan.closed) row.unclosedQuote = true
    if (!scan.closed || (atEof && scan.next >= length && !/\r?\n$/.test(text.slice(scan.end, scan.next)))) row.truncated = true
    rows.push(row)
    for (let i = position; i < scan.end; i += 1) if (text.charCodeAt(i) === 10) line += 1
    line += 1
    position = scan.next
  }
  return { rows, rest: text.slice(position), lines: line }
}
