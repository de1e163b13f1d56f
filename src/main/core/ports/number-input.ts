/**
 * Numbers as a technician pastes them into a port check: any format, one per line or comma separated
 * ("(305) 555-0100", "13055550101", "+44 20 7946 0000"). Each is read as E.164 (US when it has no country
 * code); what is not a phone number is flagged with the reason, never dropped silently.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js'

export interface ParsedNumberInput {
  numbers: string[]
  invalid: { input: string; reason: string }[]
}

/** At most this many numbers per check (a port order is at most a few hundred). */
export const maxCheckedNumbers = 500

export function parseNumberInput(entries: readonly string[]): ParsedNumberInput {
  const numbers: string[] = []
  const invalid: ParsedNumberInput['invalid'] = []
  const pieces = entries.flatMap((entry) => entry.split(/[\n\r,;\t]+/)).map((piece) => piece.trim()).filter((piece) => piece !== '')
  for (const piece of pieces) {
    const digits = piece.replace(/[^\d+]/g, '')
    if (!/\d/.test(digits) || /[a-wyz]/i.test(piece.replace(/\s*(ext\.?|x)\s*\d+$/i, ''))) {
      invalid.push({ input: piece, reason: 'Not a phone number' })
      continue
    }
    // Eleven digits starting with 1 are NANP numbers written with their country code but no plus.
    const candidate = /^1\d{10}$/.test(digits) ? `+${digits}` : digits
    const parsed = parsePhoneNumberFromString(candidate, 'US')
    if (!parsed?.isPossible()) {
      invalid.push({ input: piece, reason: digits.replace(/\D/g, '').length < 10 ? 'Too short for a phone number' : 'Not a possible phone number' })
      continue
    }
    if (parsed.number.startsWith('+1') && !/^\+1[2-9]\d{2}[2-9]\d{6}$/.test(parsed.number)) {
      invalid.push({ input: piece, reason: `${parsed.number}: a NANP area code and exchange start with 2 to 9` })
      continue
    }
    if (!numbers.includes(parsed.number)) numbers.push(parsed.number)
  }
  return { numbers, invalid }
}
