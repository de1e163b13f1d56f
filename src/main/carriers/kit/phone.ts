/** Phone numbers in the shape every view uses: E.164 via libphonenumber-js, typed local/toll-free/international. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js'
import type { NumberType } from '../../../shared/domain'

const tollFreeNpas = new Set(['800', '833', '844', '855', '866', '877', '888'])

/**
 * Normalises a carrier's number (10 digits, 11 with a leading 1, +E.164, with punctuation) to E.164, or
 * returns undefined when it is not a possible number. `defaultCountry` applies to national forms.
 */
export function toE164(raw: string, defaultCountry: CountryCode = 'US'): string | undefined {
  const text = raw.trim()
  if (text === '') return undefined
  const digits = text.replace(/[^\d+]/g, '')
  // 11 digits starting with 1 are NANP numbers written with their country code but no plus.
  const candidate = /^1\d{10}$/.test(digits) ? `+${digits}` : digits
  const parsed = parsePhoneNumberFromString(candidate, defaultCountry)
  if (!parsed?.isPossible()) return undefined
  return parsed.number
}

/** Local, toll-free (NANP 8xx) or international (outside +1). */
export function numberTypeOf(e164: string): NumberType {
  if (!e164.startsWith('+1')) return 'international'
  return tollFreeNpas.has(e164.slice(2, 5)) ? 'toll-free' : 'local'
}

/** The ten NANP digits of a +1 number (what most carrier APIs take), or the digits without the plus. */
export function nationalDigits(e164: string): string {
  return e164.startsWith('+1') ? e164.slice(2) : e164.replace(/^\+/, '')
}
