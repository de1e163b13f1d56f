/**
 * Devices of the simulated Nexogy DNA API: `POST /residential/device` creates the default extension 1000,
 * a given extension, or answers the existing device, with `regservers` and an `authentication_key`.
 *
 * The real `authentication_key` is the SIP password gpg-encrypted to the reseller's public key and
 * base64-encoded. The Sandbox has no reseller key, so it encrypts a random SIP secret with AES-256-GCM under
 * a key that lives only in this process: the value is just as opaque to a client, and is never logged.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { SimClock } from '../kit/clock'
import { SimHttpError, type SimRequest, type SimResponse } from '../kit/http'
import type { Ledger } from '../kit/ledger'
import type { NexogyAuth } from './oauth'
import { inputOf, nexogyCarrier, ok, ParameterErrors, present, unixSeconds } from './protocol'
import type { ClientStore, NexogyDevice, ResidentialClient } from './store'

/** The extension the doc says is created when no `ext` is sent. */
export const defaultExtension = '1000'

/**
 * Registration servers as the doc shows them (`server1` with a string port). The `.invalid` host names keep
 * anything from ever reaching a real SBC from the Sandbox.
 */
const regservers = {
  server1: { address: 'sbc1.sandbox-nexogy.invalid', port: '5092' },
  server2: { address: 'sbc2.sandbox-nexogy.invalid', port: '5092' },
}

export interface KeySealer {
  /** Encrypts a SIP secret and base64-encodes it: what the API answers as `authentication_key`. */
  seal(secret: string): string
  /** The SIP secret back from a sealed key (for Sandbox tooling; the API never answers it in clear). */
  open(sealed: string): string
}

const ivBytes = 12
const tagBytes = 16

/** A sealer with a fresh random key per sandbox, so keys from one run mean nothing in another. */
export function createKeySealer(): KeySealer {
  const key = randomBytes(32)
  return {
    seal(secret) {
      const iv = randomBytes(ivBytes)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const encrypted = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
      return Buffer.concat([iv, encrypted, cipher.getAuthTag()]).toString('base64')
    },
    open(sealed) {
      const raw = Buffer.from(sealed, 'base64')
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, ivBytes))
      decipher.setAuthTag(raw.subarray(raw.length - tagBytes))
      return Buffer.concat([decipher.update(raw.subarray(ivBytes, raw.length - tagBytes)), decipher.final()]).toString('utf8')
    },
  }
}

/** A random SIP password of the kind NetSapiens generates: 16 characters, letters and digits. */
export function newSipSecret(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
  return Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('')
}

export function newDevice(sealer: KeySealer, extension: string, now: number): NexogyDevice {
  // Only the sealed form is kept: the clear secret exists for the length of this call.
  return { extension, authenticationKey: sealer.seal(newSipSecret()), createdAt: now }
}

function deviceAnswer(client: ResidentialClient, device: NexogyDevice, now: number): SimResponse {
  return ok({
    subscriber_name: device.extension,
    aor: `sip:${device.extension}@${client.domain}`,
    domain: client.domain,
    authentication_key: device.authenticationKey,
    regservers,
    timestamp: unixSeconds(now),
  })
}

/** NetSapiens extensions are 3 to 7 digits. */
const extensionPattern = /^\d{3,7}$/

export function createDeviceHandlers(deps: {
  auth: NexogyAuth
  store: ClientStore
  sealer: KeySealer
  clock: SimClock
  ledger: Ledger
}) {
  const { auth, store, sealer, clock, ledger } = deps

  /** Finds the client from `client_id` or `domain` ("no need to pass both"; when both, they must agree). */
  function clientOf(input: Map<string, string>): ResidentialClient {
    const errors = new ParameterErrors()
    const clientId = present(input, 'client_id')
    const domain = present(input, 'domain')?.toLowerCase()
    if (clientId === undefined && domain === undefined) {
      errors.add('client_id', 'The client_id field is required when domain is not present.')
      errors.add('domain', 'The domain field is required when client_id is not present.')
    }
    if (clientId !== undefined && !/^\d+$/.test(clientId)) errors.add('client_id', 'The client_id must be an integer.')
    errors.throwIfAny()
    const byId = clientId === undefined ? undefined : store.get(Number(clientId))
    const byDomain = domain === undefined ? undefined : store.byDomain(domain)
    if (clientId !== undefined && !byId) throw new SimHttpError(404, `Client ${clientId} not found`)
    if (domain !== undefined && !byDomain) throw new SimHttpError(404, `Domain ${domain} not found`)
    if (byId && byDomain && byId !== byDomain) {
      errors.add('domain', 'The domain does not belong to the client_id.')
      errors.throwIfAny()
    }
    const client = byId ?? byDomain
    if (!client) throw new SimHttpError(404, 'Client not found')
    return client
  }

  return {
    create(request: SimRequest): SimResponse {
      auth.authorize(request, 'residential')
      const input = inputOf(request)
      // The URL in the doc says `ext`, its parameter table says `extension`: both are read, `ext` first.
      const extension = present(input, 'ext') ?? present(input, 'extension') ?? defaultExtension
      const client = clientOf(input)
      if (!extensionPattern.test(extension)) {
        const errors = new ParameterErrors()
        errors.add(input.has('ext') ? 'ext' : 'extension', 'The extension must be 3 to 7 digits.')
        errors.throwIfAny()
      }
      if (client.status === 'cancelled') throw new SimHttpError(410, `Client ${client.id} is cancelled`)
      const now = clock.now()
      const existing = client.devices.get(extension)
      if (existing) return deviceAnswer(client, existing, now)
      const device = newDevice(sealer, extension, now)
      client.devices.set(extension, device)
      ledger.record(nexogyCarrier, 'device.created', {
        clientId: client.id,
        domain: client.domain,
        extension,
        aor: `sip:${extension}@${client.domain}`,
      })
      return deviceAnswer(client, device, now)
    },
  }
}
