/**
 * The Nexogy simulator's `authentication_key` sealing: opaque base64 that only this sandbox can open,
 * different for every device even with the same secret, and refusing a tampered key.
 */
import { describe, expect, it } from 'vitest'
import { createKeySealer, newSipSecret } from '../../src/main/sandbox/nexogy/devices'

describe('Nexogy authentication key sealing', () => {
  it('seals a SIP secret into opaque base64 that opens to the same secret', () => {
    const sealer = createKeySealer()
    const secret = newSipSecret()
    expect(secret).toMatch(/^[A-Za-z0-9]{16}$/)
    const sealed = sealer.seal(secret)
    expect(sealed).toMatch(/^[A-Za-z0-9+/]+={0,2}$/)
    expect(sealed).not.toContain(secret)
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain(secret)
    expect(sealer.open(sealed)).toBe(secret)
  })

  it('gives different keys for the same secret and for different sandboxes', () => {
    const sealer = createKeySealer()
    const secret = newSipSecret()
    expect(sealer.seal(secret)).not.toBe(sealer.seal(secret))
    expect(newSipSecret()).not.toBe(secret)
    const otherSandbox = createKeySealer()
    expect(() => otherSandbox.open(sealer.seal(secret))).toThrow()
  })

  it('refuses a tampered key', () => {
    const sealer = createKeySealer()
    const raw = Buffer.from(sealer.seal(newSipSecret()), 'base64')
    raw[14] = (raw[14] ?? 0) ^ 0xff
    expect(() => sealer.open(raw.toString('base64'))).toThrow()
  })
})
