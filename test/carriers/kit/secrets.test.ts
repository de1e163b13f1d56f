/**
 * The kit's secret stripper: the same fields go as with a plain recursive copy filtered by the pattern
 * (the implementation before it, kept here as the reference), at every depth, while clean objects are
 * answered as they are and an answer is not walked twice. A field taken out keeps its name with the value
 * undefined, so serialised (JSON, the store's raw) the two are the same.
 */
import { describe, expect, it } from 'vitest'
import { secretStripper } from '../../../src/main/carriers/kit/secrets'

const pattern = /pass(word)?|secret|token|authorization|api[-_]?key|card|cvv|cvc/i

/** The reference: a deep copy without secret-looking fields, nothing below depth 10. */
function reference(value: unknown, depth = 0): unknown {
  if (depth > 10) return undefined
  if (Array.isArray(value)) return value.map((item) => reference(item, depth + 1))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !pattern.test(key))
        .map(([key, item]) => [key, reference(item, depth + 1)]),
    )
  }
  return value
}

const porta = () => ({
  _id: 6720,
  did: '2512658624',
  type: 'local',
  cnamLookup: 'yes',
  forwardingData: { fwd_trunk_grpid: 52610, porta: { login: 'dev-1', password: 'secret123', sip: [{ authKey: 'k', api_key: 'a' }] } },
  e911Data: { enabled: 'yes', streetname: 'Test St' },
  tags: null,
  list: [1, 'two', { Token: 'x', keep: true }],
})

describe('secretStripper', () => {
  it('takes out the same fields as a filtered deep copy, at every depth', () => {
    const strip = secretStripper(pattern)
    const deep = { level: 0 } as Record<string, unknown>
    let cursor = deep
    for (let i = 1; i < 14; i += 1) {
      const next = { level: i, password: `p${i}` }
      cursor.next = next
      cursor = next
    }
    for (const value of [porta(), deep, [porta(), null, 3], 'text', 12, null, { CardNumber: '4111', nested: [[{ cvv: '1' }]] }]) {
      const stripped = strip.deep(value)
      expect(JSON.stringify(stripped)).toBe(JSON.stringify(reference(value)))
    }
    expect(JSON.stringify(strip.deep(porta()))).not.toContain('secret123')
  })

  it('answers an object with nothing to take out as it is, and copies only the branches that change', () => {
    const strip = secretStripper(pattern)
    const clean = { a: 1, b: { c: [1, 2, { d: 'x' }] } }
    expect(strip.deep(clean)).toBe(clean)
    const record = porta()
    const stripped = strip.deep(record)
    expect(stripped).not.toBe(record)
    expect(stripped.e911Data).toBe(record.e911Data)
    expect(stripped.forwardingData).not.toBe(record.forwardingData)
    expect(record.forwardingData.porta.password).toBe('secret123')
    // Its own answer is recognised and not walked again.
    expect(strip.deep(stripped)).toBe(stripped)
  })

  it('keeps a field named __proto__ as a field, never as the prototype', () => {
    const strip = secretStripper(pattern)
    const hostile = JSON.parse('{"token":"t","__proto__":{"polluted":true},"ok":1}') as Record<string, unknown>
    const stripped = strip.deep(hostile)
    expect(Object.getPrototypeOf(stripped)).toBe(Object.prototype)
    expect(JSON.stringify(stripped)).toBe('{"__proto__":{"polluted":true},"ok":1}')
    expect(stripped.token).toBeUndefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('strips one level for flat records', () => {
    const strip = secretStripper(/token|pin|card/i)
    const row = { didnumber: '3055550100', Token: 'abc', nested: { pin: '1' }, PIN_code: '2', status: '1' }
    expect(JSON.parse(JSON.stringify(strip.shallow(row)))).toEqual({ didnumber: '3055550100', nested: { pin: '1' }, status: '1' })
    expect(row.Token).toBe('abc')
    const flat = { didnumber: '3055550100', status: '1' }
    expect(strip.shallow(flat)).toBe(flat)
  })

  it('remembers a bounded number of field names and still judges the rest', () => {
    const strip = secretStripper(pattern)
    const wide: Record<string, string> = {}
    for (let i = 0; i < 6000; i += 1) wide[`field${i}`] = 'x'
    wide.password9999 = 'hunter2'
    expect(Object.keys(JSON.parse(JSON.stringify(strip.deep(wide))))).toHaveLength(6000)
    expect(JSON.stringify(strip.deep({ another_password: 'x', ok: 1 }))).toBe('{"ok":1}')
  })
})
