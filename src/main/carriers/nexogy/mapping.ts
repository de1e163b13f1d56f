/**
 * Nexogy records → CarrierDesk's domain model. A Nexogy number is the main number of a residential client,
 * so its status is the client's: the domain status (`active`/`locked`) read from the API, told apart by what
 * CarrierDesk last knew (suspended and cancelled clients both have a locked domain). `raw` never holds a
 * secret: the device key is left out everywhere.
 */
import type { AvailableNumber, NumberStatus, PhoneNumberRecord } from '../../../shared/domain'
import { numberTypeOf, toE164 } from '../kit/phone'
import type { DomainStatus, NexogyDevice, RegistrationServer } from './client'
import type { ClientStatus, RememberedClient } from './memo'

/** What a status read found: the domain's status, or that the domain is gone (404). */
export type ObservedState = DomainStatus | 'gone'

/**
 * The client's lifecycle after a status read. An active domain means active unless the client was only just
 * created (billing not started); a locked one means suspended unless CarrierDesk knows it was cancelled.
 */
export function clientStatusAfter(known: ClientStatus, observed: ObservedState): ClientStatus {
  if (observed === 'gone') return 'cancelled'
  if (observed === 'active') return known === 'created' ? 'created' : 'active'
  return known === 'cancelled' ? 'cancelled' : 'suspended'
}

/** created → pending (domain up, billing not started), active → active, suspended → suspended, cancelled → released. */
export function numberStatusOf(status: ClientStatus): NumberStatus {
  switch (status) {
    case 'created':
      return 'pending'
    case 'active':
      return 'active'
    case 'suspended':
      return 'suspended'
    case 'cancelled':
      return 'released'
  }
}

export function e164OfDigits(digits: string): string {
  const e164 = toE164(digits)
  if (!e164) throw new Error(`Not a phone number: ${digits}`)
  return e164
}

/** The cached record of a remembered client's main number; `raw` is the client as known, without secrets. */
export function phoneNumberRecordOf(options: {
  accountId: string
  client: RememberedClient
  observed?: ObservedState | undefined
  asOf: number
}): PhoneNumberRecord {
  const { client, observed } = options
  const e164 = e164OfDigits(client.didNumber)
  return {
    accountId: options.accountId,
    carrier: 'nexogy',
    e164,
    type: numberTypeOf(e164),
    status: numberStatusOf(client.status),
    asOf: options.asOf,
    raw: {
      clientId: client.id ?? null,
      domain: client.domain ?? null,
      didNumber: client.didNumber,
      clientStatus: client.status,
      domainStatus: observed ?? null,
      knownSince: client.rememberedAt,
      origin: client.origin,
    },
  }
}

export function availableNumberOf(options: {
  accountId: string
  digits: string
  category?: string | undefined
  state?: string | undefined
  fetchedAt: number
}): AvailableNumber {
  const e164 = e164OfDigits(options.digits)
  return {
    accountId: options.accountId,
    carrier: 'nexogy',
    e164,
    type: numberTypeOf(e164),
    state: options.state,
    fetchedAt: options.fetchedAt,
    // The category ("Vanity", ...) is all the search says beyond the number; purchase needs client details.
    offer: { category: options.category ?? null },
  }
}

/** A device for display and storage: everything but the SIP secret. */
export interface DeviceView {
  clientId?: number | undefined
  extension: string
  aor: string
  domain: string
  registrationServers: RegistrationServer[]
  /** The keychain entry holding the SIP key; read it only on explicit request. */
  keyName: string
}

export function deviceKeyName(clientRef: number | string, extension: string): string {
  return `device:${clientRef}:${extension}`
}

export function deviceViewOf(device: NexogyDevice, clientId: number | undefined): DeviceView {
  return {
    clientId,
    extension: device.extension,
    aor: device.aor,
    domain: device.domain,
    registrationServers: device.registrationServers,
    keyName: deviceKeyName(clientId ?? device.domain, device.extension),
  }
}
