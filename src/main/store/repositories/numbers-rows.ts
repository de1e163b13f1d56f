/**
 * How a number is written as a row: its columns, the values of a record (for an upsert and a sync's stage
 * alike), and the signature a sync compares to skip unchanged numbers.
 */
import type { PhoneNumberRecord } from '../../../shared/domain'

export const numberColumnsSql =
  'account_id, e164, carrier, type, status, state, rate_center, trunk, cnam, e911, monthly_cost, gone_at, as_of, raw, sig, number_group, failover'

export const updateFromExcluded = `carrier = excluded.carrier, type = excluded.type, status = excluded.status,
  state = excluded.state, rate_center = excluded.rate_center, trunk = excluded.trunk, cnam = excluded.cnam,
  e911 = excluded.e911, monthly_cost = excluded.monthly_cost, gone_at = NULL, as_of = excluded.as_of,
  raw = excluded.raw, sig = excluded.sig, number_group = excluded.number_group, failover = excluded.failover`

export const recordValues = (n: PhoneNumberRecord): unknown[] => {
  const values: unknown[] = [n.accountId]
  stageRow(values, 1, n)
  return values
}

/**
 * A 53-bit hash (after cyrb53) of the fields a sync compares: the carrier's data and its raw record. Equal
 * signatures are taken as "unchanged" (two different records share one with odds of about 1 in 2^53). Every
 * number is hashed on every sync, so the text is read two characters per step, field by field, without
 * first joining the fields into one string.
 */
export function carrierSignature(n: PhoneNumberRecord, raw: string): number {
  const state: [number, number] = [0xdeadbeef, 0x41c6ce57]
  mix(state, n.carrier)
  mix(state, n.type)
  mix(state, n.status)
  mix(state, n.state)
  mix(state, n.rateCenter)
  mix(state, n.trunk)
  mix(state, n.cnam)
  mix(state, n.e911)
  mix(state, n.monthlyCost === undefined ? undefined : String(n.monthlyCost))
  mix(state, n.group)
  mix(state, n.failover)
  mix(state, raw)
  let [h1, h2] = state
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/** Folds one field (and its length, so fields cannot run into each other; absent is −1) into the hash. */
function mix(state: [number, number], text: string | undefined): void {
  let h1 = state[0]
  let h2 = state[1]
  const length = text === undefined ? -1 : text.length
  h1 = Math.imul(h1 ^ length, 2654435761)
  h2 = Math.imul(h2 ^ length, 1597334677)
  if (text !== undefined) {
    const even = length - (length & 1)
    let i = 0
    for (; i < even; i += 2) {
      const c = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)
      h1 = Math.imul(h1 ^ c, 2654435761)
      h2 = Math.imul(h2 ^ c, 1597334677)
    }
    if (i < length) {
      const c = text.charCodeAt(i)
      h1 = Math.imul(h1 ^ c, 2654435761)
      h2 = Math.imul(h2 ^ c, 1597334677)
    }
  }
  state[0] = h1
  state[1] = h2
}

/** Values per row of a sync's stage (every column but account_id and gone_at). */
export const stageWidth = 15

/** Writes one record's stage values (every column but account_id and gone_at) into `values` from `at`. */
export function stageRow(values: unknown[], at: number, n: PhoneNumberRecord, raw = JSON.stringify(n.raw ?? null), sig = carrierSignature(n, raw)): number {
  values[at] = n.e164
  values[at + 1] = n.carrier
  values[at + 2] = n.type
  values[at + 3] = n.status
  values[at + 4] = n.state ?? null
  values[at + 5] = n.rateCenter ?? null
  values[at + 6] = n.trunk ?? null
  values[at + 7] = n.cnam ?? null
  values[at + 8] = n.e911 ?? null
  values[at + 9] = n.monthlyCost ?? null
  values[at + 10] = n.asOf
  values[at + 11] = raw
  values[at + 12] = sig
  values[at + 13] = n.group ?? null
  values[at + 14] = n.failover ?? null
  return at + stageWidth
}
