/**
 * toE164's short path for NANP numbers must answer exactly what libphonenumber's general parse answers
 * (the implementation before it, kept here as the reference), over many generated inputs of every shape a
 * carrier writes and a good many it should not.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js'
import { describe, expect, it } from 'vitest'
import { toE164 } from '../../../src/main/carriers/kit/phone'

/** The general path alone: what toE164 was before it had a short path. */
function reference(raw: string, defaultCountry: CountryCode = 'US'): string | undefined {
  const text = raw.trim()
  if (text === '') return undefined
  const digits = text.replace(/[^\d+]/g, '')
  const candidate = /^1\d{10}$/.test(digits) ? `+${digits}` : digits
  const parsed = parsePhoneNumberFromString(candidate, defaultCountry)
  if (!parsed?.isPossible()) return undefined
  return parsed.number
}

/** mulberry32, so every run checks the same inputs. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

describe('toE164', () => {
  it('answers as libphonenumber does for 20,000 generated numbers of every shape', () => {
    const rand = random(14)
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
    const digits = (n: number): string => Array.from({ length: n }, () => String(Math.floor(rand() * 10))).join('')
    const punctuate = (text: string): string =>
      [...text].map((c) => (rand() < 0.15 ? `${c}${pick([' ', '-', '.', '(', ')', '/', 'x', '\t'])}` : c)).join('')
    const shapes: (() => string)[] = [
      () => digits(10),
      () => `1${digits(10)}`,
      () => `+1${digits(10)}`,
      () => `+${digits(11)}`,
      () => `(${digits(3)}) ${digits(3)}-${digits(4)}`,
      () => `+1 ${digits(3)}.${digits(3)}.${digits(4)}`,
      () => punctuate(pick(['', '1', '+1', '+', '+44', '0']) + digits(10)),
      () => digits(Math.floor(rand() * 16)),
      () => `+${digits(Math.floor(rand() * 16))}`,
      () => `${digits(3)}+${digits(7)}`,
      () => `++1${digits(10)}`,
      () => `+44${pick(['20', '121', '161', '7700'])}${digits(Math.floor(5 + rand() * 5))}`,
      () => `+${pick(['33', '49', '52', '61', '81', '91', '353', '972'])}${digits(Math.floor(6 + rand() * 6))}`,
      () => `1-800-FLOWERS`,
      () => `  ${digits(10)}  `,
      () => '',
      () => '   ',
    ]
    const mismatches: string[] = []
    for (let i = 0; i < 20_000; i += 1) {
      const input = pick(shapes)()
      const country: CountryCode = rand() < 0.9 ? 'US' : pick(['CA', 'GB', 'MX', 'DE'] as const)
      const expected = reference(input, country)
      if (toE164(input, country) !== expected) mismatches.push(`${JSON.stringify(input)} (${country}): expected ${expected}`)
    }
    expect(mismatches.slice(0, 10)).toEqual([])
  })

  it('reads every three-digit start (area codes, 011, 1xx) the same way', () => {
    const mismatches: string[] = []
    for (let npa = 0; npa < 1000; npa += 1) {
      for (const lead of '05') {
        const ten = `${String(npa).padStart(3, '0')}${lead}${String(npa * 13 % 1000).padStart(3, '0')}${String(npa * 7 % 10_000).padStart(4, '0')}`.slice(0, 10)
        for (const input of [ten, `1${ten}`, `+1${ten}`, `+${ten}`, `0${ten}`]) {
          if (toE164(input) !== reference(input)) mismatches.push(input)
        }
      }
    }
    expect(mismatches).toEqual([])
  })

  it('keeps the forms carriers use', () => {
    expect(toE164('3055550100')).toBe('+13055550100')
    expect(toE164('1 (305) 555-0100')).toBe('+13055550100')
    expect(toE164('+1 305 555 0100')).toBe('+13055550100')
    expect(toE164('+442071234567')).toBe('+442071234567')
    expect(toE164('305555')).toBeUndefined()
    expect(toE164('')).toBeUndefined()
  })
})
