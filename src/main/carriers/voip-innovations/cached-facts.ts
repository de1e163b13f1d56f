/**
 * What a cached VoIP Innovations DID's raw record says beyond its columns: a reserved DID's `expireDate` is
 * when the reservation ends (a .NET DateTime in UTC, without a zone; 1900-01-01 when unset).
 */
import type { CachedNumberFacts } from '../adapter'

export const voipInnovationsCachedFacts: CachedNumberFacts = {
  holdExpiresAt(number) {
    if (number.status !== 'reserved') return undefined
    const expires = (number.raw as { expireDate?: unknown } | null)?.expireDate
    if (typeof expires !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(expires)) return undefined
    const at = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(expires) ? expires : `${expires}Z`)
    return Number.isFinite(at) && at > Date.UTC(1901, 0, 1) ? at : undefined
  },
}
