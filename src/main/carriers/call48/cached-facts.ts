/**
 * What a cached Call48 DID's raw record says about its routing: an OD number names its trunk group (the
 * trunk column), a Porta number is forwarded by method (to the account's SIP product, a number or a SIP
 * URI) with no trunk group, so an empty trunk column alone does not mean unrouted.
 */
import type { CachedNumberFacts } from '../adapter'

const slots = ['1', '2', '3'] as const

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined

export const call48CachedFacts: CachedNumberFacts = {
  routedBy(number) {
    if (number.trunk) return `trunk group ${number.trunk}`
    const raw = number.raw as { forwardingData?: Record<string, unknown> } | null
    const forwarding = raw?.forwardingData
    if (!forwarding || typeof forwarding !== 'object') return undefined
    const trunkGroup = text(forwarding.fwd_trunk_grpid)
    if (trunkGroup) return `trunk group ${trunkGroup}`
    for (const slot of slots) {
      const method = text(forwarding[`method${slot}`])?.toLowerCase()
      const destination = text(forwarding[`number${slot}`])
      const sip = text(forwarding[`sip${slot}`])
      if (destination) return `forward to ${destination}`
      if (sip) return `SIP ${sip}`
      const product = text(forwarding.product)
      if (method === 'trunk' && product) return `SIP trunk (product ${product})`
    }
    return undefined
  },
}
