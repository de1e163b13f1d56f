/**
 * A call party as a carrier writes it ("3055550100", "13055550100", "+13055550100", "44207...") in E.164,
 * fast for the NANP forms a CDR file holds a million of (no libphonenumber on that path), the general
 * parser for the rest. What no plan knows (short codes, "anonymous") keeps its text.
 */
import { toE164 } from './phone'

export function partyE164(value: string): string {
  const text = value.trim()
  const plus = text.startsWith('+')
  const digits = plus ? text.slice(1) : text
  if (/^\d+$/.test(digits)) {
    if (!plus && digits.length === 10 && digits.charCodeAt(0) >= 50) return `+1${digits}`
    if (digits.length === 11 && digits.charCodeAt(0) === 49 && digits.charCodeAt(1) >= 50) return `+${digits}`
    if (plus && digits.length >= 8 && digits.length <= 15) return text
  }
  const parsed = toE164(digits.length === 10 ? digits : `+${digits.replace(/\D/g, '')}`)
  if (parsed) return parsed
  const bare = text.replace(/\D/g, '')
  return /^\d{8,15}$/.test(bare) ? `+${bare}` : text
}
