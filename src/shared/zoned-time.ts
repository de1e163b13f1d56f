/**
 * Hours and days in a named zone (America/New_York), for KPI buckets and exports: the zone's offset is asked
 * of Intl once per UTC hour and kept, so bucketing a month of hours costs a few hundred lookups.
 */

const hourMs = 3_600_000

export interface ZonedTime {
  zone: string
  /** The zone's offset from UTC at a moment, in ms (positive east of Greenwich). */
  offsetAt(epochMs: number): number
  /** Whether the zone is a whole number of hours off UTC over [from, to) (so UTC hours are its hours). */
  wholeHours(from: number, to: number): boolean
  /** The start (epoch ms) of the local day holding a moment. */
  dayStart(epochMs: number): number
  /** The start (epoch ms) of a calendar day ("YYYY-MM-DD") in the zone. */
  startOfDay(day: string): number
  /** "YYYY-MM-DD HH:MM" in the zone. */
  minuteLabel(epochMs: number): string
  /** "YYYY-MM-DD" in the zone. */
  dayLabel(epochMs: number): string
}

export function zonedTime(zone = 'UTC'): ZonedTime {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
  const offsets = new Map<number, number>()
  function offsetAt(epochMs: number): number {
    const key = Math.floor(epochMs / hourMs)
    let offset = offsets.get(key)
    if (offset === undefined) {
      const probe = key * hourMs
      const parts: Record<string, string> = {}
      for (const part of format.formatToParts(probe)) parts[part.type] = part.value
      const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute), Number(parts.second))
      offset = asUtc - probe
      offsets.set(key, offset)
    }
    return offset
  }
  const pad = (value: number): string => (value < 10 ? `0${value}` : String(value))
  const local = (epochMs: number): Date => new Date(epochMs + offsetAt(epochMs))
  return {
    zone,
    offsetAt,
    wholeHours(from, to) {
      // Zones a fraction of an hour off UTC (India, Nepal, Newfoundland, central Australia) are so all year.
      return offsetAt(from) % hourMs === 0 && offsetAt(Math.max(from, to - 1)) % hourMs === 0
    },
    dayStart(epochMs) {
      const shifted = epochMs + offsetAt(epochMs)
      const midnightLocal = shifted - (((shifted % 86_400_000) + 86_400_000) % 86_400_000)
      // The offset at local midnight may differ (a DST change that day): take the one in force then.
      let start = midnightLocal - offsetAt(midnightLocal - offsetAt(epochMs))
      if (start > epochMs) start -= 86_400_000
      return start
    },
    startOfDay(day) {
      // Local noon is on that day whatever the offset; its day's start is the one asked for.
      const noonUtc = Date.parse(`${day}T12:00:00Z`)
      return this.dayStart(noonUtc - offsetAt(noonUtc))
    },
    minuteLabel(epochMs) {
      const d = local(epochMs)
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
    },
    dayLabel(epochMs) {
      const d = local(epochMs)
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
    },
  }
}
