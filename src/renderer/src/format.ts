/** Small display formatters shared by the screens: ages, timestamps, phone numbers, rates. */

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour

/** "just now", "3 min ago", "2 h ago", "4 days ago" — coarse on purpose: operators want a feel, not a clock. */
export function formatAge(at: number, now: number): string {
  const elapsed = Math.max(0, now - at)
  if (elapsed < minute) return 'just now'
  if (elapsed < hour) return `${Math.floor(elapsed / minute)} min ago`
  if (elapsed < day) return `${Math.floor(elapsed / hour)} h ago`
  const days = Math.floor(elapsed / day)
  return days === 1 ? '1 day ago' : `${days} days ago`
}

const pad = (value: number): string => String(value).padStart(2, '0')

/** Local time as "2026-11-22 05:55:12"; sortable and unambiguous across locales. */
export function formatTimestamp(at: number): string {
  const date = new Date(at)
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  )
}

/** NANP numbers as "+1 (305) 555-0100"; anything else stays in E.164 rather than guessing a grouping. */
export function formatPhoneNumber(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164)
  if (nanp) return `+1 (${nanp[1]}) ${nanp[2]}-${nanp[3]}`
  return e164
}

export function formatRate(rowsPerSecond: number): string {
  if (!Number.isFinite(rowsPerSecond) || rowsPerSecond <= 0) return '—'
  if (rowsPerSecond >= 100) return `${Math.round(rowsPerSecond).toLocaleString()} rows/s`
  return `${rowsPerSecond.toFixed(1)} rows/s`
}

export function formatCount(value: number): string {
  return value.toLocaleString()
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

/** Dollars with cents ("$1.25"), or a dash when unknown. */
export function formatMoney(value: number | undefined): string {
  return value === undefined ? '—' : `$${value.toFixed(2)}`
}

/** A file size for people: "812 B", "4.2 KB", "77.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
