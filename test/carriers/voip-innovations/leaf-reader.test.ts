/**
 * The streamed audit's leaf reader scans characters by hand; it must read exactly what the regular
 * expression reader before it read (kept here as the reference), and decline exactly what it declined,
 * over many generated elements: well-formed DIDs, prefixes, attributes, odd whitespace and broken markup.
 */
import { describe, expect, it } from 'vitest'
import { readLeafElement } from '../../../src/main/carriers/voip-innovations/soap'

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
const entityPattern = /&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);/g
function decodeText(text: string): string | undefined {
  if (!text.includes('&')) return text
  if (/&(?!(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);)/.test(text)) return undefined
  let unknown = false
  const decoded = text.replace(entityPattern, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10))
    const value = entities[name]
    if (value === undefined) unknown = true
    return value ?? whole
  })
  return unknown ? undefined : decoded
}
const leafChild = /\s*<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:\s+[^<>\s=]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(?:\/>|>([^<]*)<\/(?:[A-Za-z_][\w.-]*:)?\1\s*>)/y

/** The reader as it was: one sticky regular expression per child. */
function reference(xml: string, tag: string): Record<string, string> | undefined {
  const opening = `<${tag}>`
  const closing = `</${tag}>`
  if (!xml.startsWith(opening) || !xml.endsWith(closing)) return undefined
  const inner = xml.slice(opening.length, xml.length - closing.length)
  const out: Record<string, string> = {}
  let position = 0
  while (position < inner.length) {
    if (/^\s*$/.test(inner.slice(position))) break
    leafChild.lastIndex = position
    const match = leafChild.exec(inner)
    if (!match) return undefined
    const name = match[1] as string
    if (Object.hasOwn(out, name) || name === '__proto__' || name === 'constructor' || name === 'prototype') return undefined
    const text = decodeText((match[3] ?? '').trim())
    if (text === undefined) return undefined
    out[name] = text
    position = leafChild.lastIndex
  }
  return out
}

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

describe('the streamed-audit leaf reader', () => {
  it('reads and declines exactly as the regular expression reader did, over 20,000 generated elements', () => {
    const rand = random(2014)
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
    const space = (): string => (rand() < 0.7 ? '' : pick([' ', '\n  ', '\t', '\r\n', '\u00a0', '\u2003', '\ufeff', '\u0085', '\v']))
    const names = ['tn', 'status', 'statusCode', 'refId', 'x.y', 'a-b', '_u', 'n1', 'tn2', 'DID', '__proto__', 'constructor', '1bad', ':x', 'é', '']
    const texts = ['3055550100', '', 'a &amp; b', 'a & b', '&lt;x&gt;', '&#65;&#x42;', '&nbsp;', '  padded  ', 'true', '<', ']]>', 'é ü', '&quot;q&apos;']
    const attribute = (): string =>
      pick([` xsi:nil="true"`, ` a='1'`, ` b = "x>y"`, ` c="unterminated`, ` d=1`, `  e="2"`, ` /="3"`, ` f="<"`, ` h ! "2"`, ` i =  'v'`])
    const good = (): string => {
      const name = pick(['tn', 'status', 'statusCode', 'refId', 'endpointId', 'cnamName', 'rateCenter', 'x.y', 'a-b'])
      if (rand() < 0.15) return `${space()}<${name} xsi:nil="true"${space()}/>`
      return `${space()}<${name}>${pick(['3055550100', '', 'MIAMI', 'a &amp; b', '100', ' padded '])}</${name}>`
    }
    const child = (): string => {
      if (rand() < 0.75) return good()
      const name = pick(names)
      const prefix = rand() < 0.2 ? pick(['a:', 'xsi:', 'ns1:', '1:', ':']) : ''
      const closingPrefix = rand() < 0.8 ? prefix : pick(['', 'b:', 'zz:'])
      const attrs = rand() < 0.25 ? Array.from({ length: 1 + Math.floor(rand() * 2) }, attribute).join('') : ''
      const closeName = rand() < 0.95 ? name : pick([`${name}x`, name.slice(1), 'other'])
      if (rand() < 0.2) return `${space()}<${prefix}${name}${attrs}${space()}${pick(['/>', '/ >', ' />', '>'])}`
      return `${space()}<${prefix}${name}${attrs}${space()}>${pick(texts)}</${closingPrefix}${closeName}${space()}>`
    }
    const extras = ['', '<!-- c -->', '<![CDATA[1]]>', '<x><y>2</y></x>', 'stray', '<', '</DID>']
    const mismatches: string[] = []
    let read = 0
    let fields = 0
    for (let i = 0; i < 20_000; i += 1) {
      const children = Array.from({ length: Math.floor(rand() * 6) }, child)
      if (rand() < 0.1) children.splice(Math.floor(rand() * (children.length + 1)), 0, pick(extras))
      const tag = rand() < 0.95 ? 'DID' : 'DIDs'
      const xml = `<${tag}>${children.join('')}${space()}</${rand() < 0.97 ? tag : 'DI'}>`
      const expected = reference(xml, 'DID')
      const actual = readLeafElement(xml, 'DID')
      if (actual) {
        read += 1
        fields += Object.keys(actual).length
      }
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${JSON.stringify(xml)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
    }
    expect(mismatches.slice(0, 5)).toEqual([])
    // Both sides of the line are exercised: elements read (with fields) and elements declined.
    expect(read).toBeGreaterThan(2_000)
    expect(read).toBeLessThan(18_000)
    expect(fields).toBeGreaterThan(read)
  })

  it('reads a full audit DID', () => {
    const xml = `<DID><tn>3055550100</tn><status>Assigned</status><statusCode>100</statusCode><refId>a&lt;b</refId>
      <expireDate xsi:nil="true" /><endpointId>12</endpointId></DID>`
    expect(readLeafElement(xml, 'DID')).toEqual({ tn: '3055550100', status: 'Assigned', statusCode: '100', refId: 'a<b', expireDate: '', endpointId: '12' })
  })
})
