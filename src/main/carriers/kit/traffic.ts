/**
 * Traffic report values as carriers write them ("57%", "0:03:12", "192", "12,345", "" or a field left out),
 * read with care: whatever cannot be read is `null`, shown as unknown, and never becomes 0. A ratio of
 * nothing (ASR with no calls, ACD with none answered) is unknown too, whatever the report printed for it.
 */
import type { TrafficFigures } from '../../../shared/trunks'

/** The text of a report value, or undefined when there is none (absent, null, blank, a placeholder). */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  // "-", "n/a", "NULL" and the like are how reports say "no value".
  return text === '' || /^(-+|n\/?a|null|none|unknown)$/i.test(text) ? undefined : text
}

/** A whole number of calls or sessions: "12345", 12345, "12,345". */
export function countOf(value: unknown): number | null {
  const text = textOf(value)?.replace(/,(?=\d{3}\b)/g, '')
  return text !== undefined && /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : null
}

/** A decimal amount such as minutes of use: "1234", "1234.5", "1,234.5". */
export function decimalOf(value: unknown): number | null {
  const text = textOf(value)?.replace(/,(?=\d{3}\b)/g, '')
  return text !== undefined && /^\d+(\.\d+)?$/.test(text) ? Number(text) : null
}

/** A percentage ("57%", "57.5 %", or "57" as the reports' unit is percent) as a fraction: 0.57. */
export function ratioOf(value: unknown): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*%?$/.exec(textOf(value) ?? '')
  if (!match) return null
  const percent = Number(match[1])
  return percent <= 100 ? percent / 100 : null
}

/** A duration as seconds: "0:03:12" or "03:12" (h:mm:ss, mm:ss), or a plain number of seconds ("192"). */
export function durationSecondsOf(value: unknown): number | null {
  const text = textOf(value)
  if (text === undefined) return null
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text)
  const clock = /^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:\.\d+)?$/.exec(text)
  if (!clock) return null
  return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3])
}

export type TrafficCounts = Omit<TrafficFigures, 'subject' | 'direction' | 'period'>

/** One report row's figures, each read as above; ASR and ACD of no calls are unknown. */
export function trafficCountsOf(row: { processed?: unknown; completed?: unknown; asr?: unknown; acd?: unknown; mou?: unknown; peak?: unknown }): TrafficCounts {
  const processed = countOf(row.processed)
  const completed = countOf(row.completed)
  return {
    processed,
    completed,
    asr: processed === 0 ? null : ratioOf(row.asr),
    acdSeconds: completed === 0 ? null : durationSecondsOf(row.acd),
    minutes: decimalOf(row.mou),
    peak: countOf(row.peak),
  }
}
