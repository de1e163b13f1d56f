/** Phone numbers in the shape every view uses: E.164 via libphonenumber-js, typed local/toll-free/international. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js'
import type { NumberType } from '../../../shared/domain'

const tollFreeNpas = new Set(['800', '833', '844', '855', '866', '877', '888'])

/**
 * Normalises a carrier's number (10 digits, 11 with a leading 1, +E.164, with punctuation) to E.164, or
 * returns undefined when it is not a possible number. `defaultCountry` applies to national forms.
 *
 * NANP numbers (what every sync lists by the hundred thousand) take a short path that gives exactly what
 * libphonenumber's general parse gives for them: +1 and the ten digits, since a possible NANP number is a
 * matter of length alone there (test/carriers/kit/phone.test.ts holds the two equal over many inputs).
 * Everything else (international, short, odd forms) goes through libphonenumber.
 */
export function toE164(raw: string, defaultCountry: CountryCode = 'US'): string | undefined {
  const nanp = nanpE164(raw, defaultCountry)
  if (nanp !== undefined) return nanp
  const text = raw.trim()
  if (text === '') return undefined
  const digits = text.replace(/[^\d+]/g, '')
  // 11 digits starting with 1 are NANP numbers written with their country code but no plus.
  const candidate = /^1\d{10}$/.test(digits) ? `+${digits}` : digits
  const parsed = parsePhoneNumberFromString(candidate, defaultCountry)
  if (!parsed?.isPossible()) return undefined
  return parsed.number
}

const zero = 48
const nine = 57
const plus = 43

/**
 * The E.164 of a NANP number written as ten digits (national, when the default country is the US), eleven
 * starting with 1, or +1 and ten digits, punctuation anywhere (every character but digits and '+' is
 * ignored, as the general path ignores it), its area code starting with 2-9; undefined for anything else,
 * which the general path decides.
 */
function nanpE164(raw: string, defaultCountry: CountryCode): string | undefined {
  let digits = ''
  let plusAt = -1
  for (let i = 0; i < raw.length; i += 1) {
    const code = raw.charCodeAt(i)
    if (code >= zero && code <= nine) {
      if (digits.length === 11) return undefined
      digits += raw[i]
    } else if (code === plus) {
      // One '+', before every digit: anything else is the general path's to judge.
      if (plusAt !== -1 || digits !== '') return undefined
      plusAt = i
    }
  }
  // A real area code starts with 2-9; anything else (a 0 or 1 there, the US's 011 international prefix)
  // is the general path's to read.
  if (digits.length === 11) return digits.charCodeAt(0) === zero + 1 && digits.charCodeAt(1) >= zero + 2 ? `+${digits}` : undefined
  if (digits.length === 10 && plusAt === -1 && defaultCountry === 'US' && digits.charCodeAt(0) >= zero + 2) return `+1${digits}`
  return undefined
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
