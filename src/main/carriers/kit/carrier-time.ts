/**
 * Carrier times without a zone ("2026-11-20 14:03:09", as Vitcom's CDR files and Call48's XDR query write
 * them) read in the account's "carrier time zone" setting (an IANA name; UTC when blank), and written back
 * the same way. A zone's offset is looked up once per local hour and kept, so a file of a million rows pays
 * for Intl a few dozen times, not a million.
 */
import { AppError } from '../../lib/app-error'

/** The account setting every carrier with zone-less times declares (see kit/settings.ts). */
export const carrierTimeZoneSetting = {
  label: 'Carrier time zone (IANA name such as America/New_York; blank = UTC)',
  check: (value: string): string | undefined => (isZone(value) ? undefined : 'Unknown time zone: use an IANA name such as America/New_York, or UTC'),
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const hourMs = 3_600_000
const stampPattern = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/

/** The zone's offset from UTC (ms, positive east) at a UTC moment. */
function offsetAt(zone: string, utcMs: number, format: Intl.DateTimeFormat): number {
  const parts = Object.fromEntries(format.formatToParts(utcMs).map((part) => [part.type, part.value]))
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute), Number(parts.second))
  return asUtc - (utcMs - (utcMs % 1000))
}

export interface CarrierClock {
  zone: string
  /**
   * Epoch ms of a carrier time: "YYYY-MM-DD HH:MM[:SS]" in the carrier's zone, an ISO time with its own
   * offset or Z, or epoch seconds; undefined when it is none of those.
   */
  parse(text: string): number | undefined
  /** "YYYY-MM-DD HH:MM" in the carrier's zone, for query bounds. */
  format(epochMs: number): string
}

export function carrierClock(zone: string | undefined): CarrierClock {
  const name = zone?.trim() || 'UTC'
  if (!isZone(name)) throw new AppError('validation', `Unknown carrier time zone ${name}`, { fields: { timeZone: 'Unknown time zone' } })
  const utc = name === 'UTC' || name === 'Etc/UTC' || name === 'GMT'
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
  /** Local hour (as if UTC, in hours) → offset. */
  const offsets = new Map<number, number>()
  function offsetOfLocal(localAsUtc: number): number {
    const key = Math.floor(localAsUtc / hourMs)
    let offset = offsets.get(key)
    if (offset === undefined) {
      // Two passes settle the offset around a transition (the earlier reading of a repeated hour wins).
      const first = offsetAt(name, localAsUtc, format)
      offset = offsetAt(name, localAsUtc - first, format)
      offsets.set(key, offset)
    }
    return offset
  }
  const pad = (value: number): string => (value < 10 ? `0${value}` : String(value))
  return {
    zone: name,
    parse(text) {
      const value = text.trim()
      const match = stampPattern.exec(value)
      if (match) {
        const local = Date.UTC(
          Number(match[1]),
          Number(match[2]) - 1,
          Number(match[3]),
          Number(match[4]),
          Number(match[5]),
          Number(match[6] ?? 0),
          Number((match[7] ?? '0').padEnd(3, '0')),
        )
        if (Number.isNaN(local)) return undefined
        return utc ? local : local - offsetOfLocal(local)
      }
      if (/^\d{9,11}$/.test(value)) return Number(value) * 1000
      if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
        const at = Date.parse(value)
        return Number.isNaN(at) ? undefined : at
      }
      return undefined
    },
    format(epochMs) {
      const local = new Date(utc ? epochMs : epochMs + offsetAt(name, epochMs, format))
      return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`
    },
  }
}
