/**
 * E911 for owned DIDs (WSDL operations insert911, update911, remove911, query911, audit911, validate911,
 * addLocation, getLocations, provisionLocation, removeLocation, getProvisioningHistory) and 911 alerts
 * (Query911Alert, Add911Alert, Remove911Alert), answering a Response911 shaped like the captures in
 * sample-responses/x911/.
 *
 * Each DID has locations; at most one is provisioned (statusCode PROVISIONED), the others are GEOCODED.
 * Seeded DIDs with 911 get a derived provisioned location; only changed DIDs are stored.
 *
 * 911 alerts are the e-mail addresses told when the number dials 911, listed in Response911.Alerts (an
 * ArrayOfString). Where the WSDL leaves it open: alerts need 911 on the number (941 "911 is not enabled",
 * as query_911_alert.xml answers), belong to the 911 service (remove911 clears them), number at most
 * five (944), and the 94x family the capture starts carries the other refusals (942 not an e-mail
 * address, 943 not a recipient of this number). Adding an address already there succeeds once. Seeded
 * numbers have no recipients.
 */
import { hash32, pick } from '../kit/random'
import { isEmailAddress } from './email'
import { soapAnswer, streamedSoapAnswer, textField, type OutNode, type XmlNode } from './envelope'
import { response911, successCode, successMessage, type OperationHandler } from './responses'
import { carrierName, dotNetDate, type OwnedDid, type VoipInnovationsState } from './state'

/**
 * Codes not in the documents: 420 for a number the account does not own (the DID methods' "could not
 * find" codes end in 420) and 400 for an address that cannot be geocoded. 941, 205100 and 206200 are the
 * codes seen in the captures (query_911_alert.xml, remove_location.xml, get_locations.xml).
 */
export const e911NumberNotFoundCode = 420
export const e911InvalidAddressCode = 400
const notEnabledCode = 941
const invalidEmailCode = 942
const notRecipientCode = 943
const tooManyRecipientsCode = 944
const maxRecipients = 5
const locationRemovedCode = 205100
const locationNotFoundCode = 206200
const neverDate = '0001-01-01T00:00:00'

interface Location {
  locationId: string
  address1: string
  address2: string
  city: string
  state: string
  zipCode: string
  plusFour: string
  callerName: string
  latitude: string
  longitude: string
  provisioned: boolean
  activatedTime: number
  updateTime: number
}

interface Address {
  address1: string
  address2: string
  city: string
  state: string
  zip: string
  plusFour: string
  callerName: string
}

const streets = ['MAIN ST', 'OAK AVE', 'N 200 E', 'COMMERCE DR', 'PARK BLVD', 'E TABERNACLE ST']

/** 911 records per simulator (keyed by its state so module-level handlers stay stateless). */
const books = new WeakMap<VoipInnovationsState, E911Book>()

class E911Book {
  private readonly locations = new Map<string, Location[]>()
  private readonly history = new Map<string, Location[]>()
  private readonly alerts = new Map<string, string[]>()
  private nextLocationId: number

  constructor(private readonly state: VoipInnovationsState) {
    this.nextLocationId = 18_000_000 + (hash32(state.seed, 0x911) % 500_000)
  }

  /** Locations of a DID; a seeded DID with 911 has one derived, provisioned location. */
  of(did: OwnedDid): Location[] {
    const stored = this.locations.get(did.facts.tn)
    if (stored) return stored
    if (!did.has911) return []
    const h = hash32(this.state.seed, Number(did.facts.tn.slice(0, 5)), Number(did.facts.tn.slice(5)), 0x911)
    return [
      {
        locationId: String(17_000_000 + (h % 900_000)),
        address1: `${100 + (h % 900)} ${pick(streets, h, 1)}`,
        address2: '',
        city: did.facts.rateCenter,
        state: did.facts.state,
        zipCode: String(10_000 + (h % 89_999)),
        plusFour: String(1000 + ((h >>> 8) % 8999)),
        callerName: 'SANDBOX CUSTOMER',
        latitude: (25 + ((h >>> 4) % 2300) / 100).toFixed(6),
        longitude: (-70 - ((h >>> 12) % 5000) / 100).toFixed(6),
        provisioned: true,
        activatedTime: did.assignedAt,
        updateTime: did.assignedAt,
      },
    ]
  }

  history911(did: OwnedDid): Location[] {
    return this.history.get(did.facts.tn) ?? this.of(did).filter((location) => location.provisioned)
  }

  add(did: OwnedDid, address: Address, provision: boolean): Location {
    const now = this.state.now()
    this.nextLocationId += 1
    const location: Location = {
      locationId: String(this.nextLocationId),
      address1: address.address1.toUpperCase(),
      address2: address.address2.toUpperCase(),
      city: address.city.toUpperCase(),
      state: address.state.toUpperCase(),
      zipCode: address.zip,
      plusFour: address.plusFour,
      callerName: address.callerName,
      latitude: (25 + (hash32(this.nextLocationId, 1) % 2300) / 100).toFixed(6),
      longitude: (-70 - (hash32(this.nextLocationId, 2) % 5000) / 100).toFixed(6),
      provisioned: false,
      activatedTime: now,
      updateTime: now,
    }
    const list = [...this.of(did), location]
    this.locations.set(did.facts.tn, list)
    if (provision) this.provision(did, location.locationId)
    return location
  }

  provision(did: OwnedDid, locationId: string): boolean {
    const list = this.of(did)
    const target = list.find((location) => location.locationId === locationId)
    if (!target) return false
    const now = this.state.now()
    const updated = list.map((location) => ({
      ...location,
      provisioned: location.locationId === locationId,
      ...(location.locationId === locationId ? { activatedTime: now, updateTime: now } : {}),
    }))
    this.locations.set(did.facts.tn, updated)
    const provisioned = updated.find((location) => location.provisioned) as Location
    this.history.set(did.facts.tn, [...this.history911(did), provisioned])
    this.state.update(did, { has911: true })
    return true
  }

  removeLocation(did: OwnedDid, locationId: string): boolean {
    const list = this.of(did)
    const remaining = list.filter((location) => location.locationId !== locationId)
    if (remaining.length === list.length) return false
    this.locations.set(did.facts.tn, remaining)
    this.state.update(did, { has911: remaining.some((location) => location.provisioned) })
    return true
  }

  alertsOf(did: OwnedDid): string[] {
    return this.alerts.get(did.facts.tn) ?? []
  }

  setAlerts(did: OwnedDid, recipients: string[]): void {
    this.alerts.set(did.facts.tn, recipients)
  }

  /** Archives every location of the DID (and its 911 alerts); answers how many records were archived. */
  removeAll(did: OwnedDid): number {
    const count = this.of(did).length
    this.locations.set(did.facts.tn, [])
    this.alerts.delete(did.facts.tn)
    this.state.update(did, { has911: false })
    return count
  }
}

function bookOf(state: VoipInnovationsState): E911Book {
  let book = books.get(state)
  if (!book) {
    book = new E911Book(state)
    books.set(state, book)
  }
  return book
}

function statusDescription(location: Location): string {
  return location.provisioned ? 'Location is currently provisioned for URI' : 'Location is geocoded'
}

/** A VILocation (add_location.xml); address2 only when there is one, as the captures show. */
function viLocation(location: Location): OutNode {
  return {
    locationId: location.locationId,
    address1: location.address1,
    ...(location.address2 ? { address2: location.address2 } : {}),
    city: location.city,
    state: location.state,
    zipCode: location.zipCode,
    plusFour: location.plusFour,
    callerName: location.callerName,
    latitude: location.latitude,
    longitude: location.longitude,
    statusCode: location.provisioned ? 'PROVISIONED' : 'GEOCODED',
    statusDescription: statusDescription(location),
    activatedTime: `${dotNetDate(location.activatedTime).slice(0, 19)}Z`,
    updateTime: `${dotNetDate(location.updateTime).slice(0, 19)}Z`,
  }
}

/** A DID911 (audit_911.xml): the DID's provisioned location, ZIP+4 in one field. */
function did911(tn: string, location: Location): OutNode {
  return {
    locationId: location.locationId,
    tn,
    callerName: location.callerName,
    address1: location.address1,
    ...(location.address2 ? { address2: location.address2 } : {}),
    city: location.city,
    state: location.state,
    zipCode: location.plusFour ? `${location.zipCode}-${location.plusFour}` : location.zipCode,
    latitude: location.latitude,
    longitude: location.longitude,
    statusCode: 'PROVISIONED',
    statusDescription: statusDescription(location),
    activatedTime: dotNetDate(location.activatedTime),
    dateAdded: dotNetDate(location.activatedTime),
  }
}

function answer(operation: string, result: OutNode): ReturnType<OperationHandler> {
  return soapAnswer(operation, result)
}

function normalisedTn(params: XmlNode, name: string): string {
  return textField(params, name).replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '')
}

function addressOf(params: XmlNode): Address {
  const text = (name: string): string => textField(params, name).trim()
  return {
    address1: text('address1'),
    address2: text('address2'),
    city: text('city'),
    state: text('state'),
    zip: text('zip'),
    plusFour: text('plusFour'),
    callerName: text('callerName'),
  }
}

/** Why an address cannot be geocoded, or undefined when it can. */
function addressProblem(address: Address): string | undefined {
  if (!address.address1) return 'address1 is required'
  if (!address.city) return 'city is required'
  if (!/^[A-Za-z]{2}$/.test(address.state)) return 'state must be a two-letter abbreviation'
  if (!/^\d{5}$/.test(address.zip)) return 'zip must be five digits'
  if (address.plusFour && !/^\d{4}$/.test(address.plusFour)) return 'plusFour must be four digits'
  return undefined
}

type Resolved = { did: OwnedDid } | { response: ReturnType<OperationHandler> }

function ownedDid(state: VoipInnovationsState, operation: string, tn: string): Resolved {
  const did = state.owned(tn)
  if (did) return { did }
  return { response: answer(operation, response911(e911NumberNotFoundCode, `Could not find number ${tn}`)) }
}

const statusUpdated = (description: string, code = String(successCode)): OutNode => ({ code, description })

/** insert911 and update911: a new address for the DID, provisioned at once. */
function provisionAddress(operation: 'insert911' | 'update911'): OperationHandler {
  return ({ state, ledger }, params) => {
    const tn = normalisedTn(params, 'did')
    const resolved = ownedDid(state, operation, tn)
    if ('response' in resolved) return resolved.response
    const address = addressOf(params)
    const problem = addressProblem(address)
    if (problem) return answer(operation, response911(e911InvalidAddressCode, `Invalid address: ${problem}`))
    const location = bookOf(state).add(resolved.did, address, true)
    ledger.record(carrierName, operation, { tn, locationId: location.locationId })
    return answer(operation, response911(successCode, successMessage, { statuses: [statusUpdated('Location status updated')] }))
  }
}

export const e911Operations: Record<string, OperationHandler> = {
  insert911: provisionAddress('insert911'),
  update911: provisionAddress('update911'),

  remove911: ({ state, ledger }, params) => {
    const tn = normalisedTn(params, 'did')
    const resolved = ownedDid(state, 'remove911', tn)
    if ('response' in resolved) return resolved.response
    const archived = bookOf(state).removeAll(resolved.did)
    ledger.record(carrierName, 'remove911', { tn, archived })
    const description = `${archived} record${archived === 1 ? ' was' : 's were'} successfully archived for DID ${tn}`
    return answer('remove911', response911(successCode, successMessage, { statuses: [statusUpdated(description)] }))
  },

  query911: ({ state }, params) => {
    const tn = normalisedTn(params, 'did')
    const resolved = ownedDid(state, 'query911', tn)
    if ('response' in resolved) return resolved.response
    const provisioned = bookOf(state).of(resolved.did).filter((location) => location.provisioned)
    return answer(
      'query911',
      response911(successCode, successMessage, {
        did911s: provisioned.map((location) => did911(tn, location)),
        locations: provisioned.map(viLocation),
      }),
    )
  },

  /** Every DID with 911, streamed like auditDIDs. */
  audit911: ({ state }) => {
    const book = bookOf(state)
    function* pages(): Generator<OutNode> {
      for (const page of state.ownedPages(500)) {
        const records = page.flatMap((did) =>
          book
            .of(did)
            .filter((location) => location.provisioned)
            .map((location) => did911(did.facts.tn, location)),
        )
        if (records.length > 0) yield { DID911: records }
      }
    }
    return streamedSoapAnswer('audit911', response911(successCode, successMessage), 'DID911s', pages())
  },

  validate911: (_context, params) => {
    const problem = addressProblem(addressOf(params))
    if (problem) return answer('validate911', response911(e911InvalidAddressCode, `Invalid address: ${problem}`))
    return answer('validate911', response911(successCode, successMessage))
  },

  addLocation: ({ state, ledger }, params) => {
    const tn = normalisedTn(params, 'did')
    const resolved = ownedDid(state, 'addLocation', tn)
    if ('response' in resolved) return resolved.response
    const address = addressOf(params)
    const problem = addressProblem(address)
    if (problem) return answer('addLocation', response911(e911InvalidAddressCode, `Invalid address: ${problem}`))
    const location = bookOf(state).add(resolved.did, address, false)
    ledger.record(carrierName, 'addLocation', { tn, locationId: location.locationId })
    return answer('addLocation', response911(successCode, successMessage, { locations: [viLocation(location)] }))
  },

  /** A DID without locations gets one empty VILocation with status 206200 (get_locations.xml). */
  getLocations: ({ state }, params) => {
    const tn = normalisedTn(params, 'did')
    const did = state.owned(tn)
    const locations = did ? bookOf(state).of(did) : []
    if (locations.length > 0) {
      return answer('getLocations', response911(successCode, successMessage, { locations: locations.map(viLocation) }))
    }
    const empty: OutNode = {
      locationId: '',
      address1: '',
      address2: '',
      city: '',
      state: '',
      zipCode: '',
      plusFour: '',
      callerName: '',
      latitude: '',
      longitude: '',
      statusCode: String(locationNotFoundCode),
      statusDescription: `A location could not be found for ${tn}`,
      orderId: '',
      activatedTime: neverDate,
      updateTime: neverDate,
    }
    return answer('getLocations', response911(successCode, successMessage, { locations: [empty] }))
  },

  getProvisioningHistory: ({ state }, params) => {
    const tn = normalisedTn(params, 'did')
    const resolved = ownedDid(state, 'getProvisioningHistory', tn)
    if ('response' in resolved) return resolved.response
    const history = bookOf(state).history911(resolved.did)
    return answer('getProvisioningHistory', response911(successCode, successMessage, { locations: history.map(viLocation) }))
  },

  provisionLocation: ({ state, ledger }, params) => {
    const tn = normalisedTn(params, 'did')
    const resolved = ownedDid(state, 'provisionLocation', tn)
    if ('response' in resolved) return resolved.response
    const locationId = textField(params, 'locationId').trim()
    if (!bookOf(state).provision(resolved.did, locationId)) {
      return answer(
        'provisionLocation',
        response911(successCode, successMessage, {
          statuses: [statusUpdated(`A location could not be found for ${tn}`, String(locationNotFoundCode))],
        }),
      )
    }
    ledger.record(carrierName, 'provisionLocation', { tn, locationId })
    return answer('provisionLocation', response911(successCode, successMessage, { statuses: [statusUpdated('Location status updated')] }))
  },

  removeLocation: ({ state, ledger }, params) => {
    const tn = normalisedTn(params, 'did')
    const resolved = ownedDid(state, 'removeLocation', tn)
    if ('response' in resolved) return resolved.response
    const locationId = textField(params, 'locationId').trim()
    if (!bookOf(state).removeLocation(resolved.did, locationId)) {
      return answer(
        'removeLocation',
        response911(successCode, successMessage, {
          statuses: [statusUpdated(`A location could not be found for ${tn}`, String(locationNotFoundCode))],
        }),
      )
    }
    ledger.record(carrierName, 'removeLocation', { tn, locationId })
    return answer(
      'removeLocation',
      response911(successCode, successMessage, {
        statuses: [statusUpdated('Location successfully removed', String(locationRemovedCode))],
      }),
    )
  },

  /** 941 "911 is not enabled" for a DID without 911 (query_911_alert.xml), else the recipients in Alerts. */
  Query911Alert: ({ state }, params) => {
    const tn = normalisedTn(params, 'tn')
    const did = state.owned(tn)
    if (!did?.has911) return answer('Query911Alert', response911(notEnabledCode, '911 is not enabled'))
    return answer('Query911Alert', response911(successCode, successMessage, { alerts: bookOf(state).alertsOf(did) }))
  },

  Add911Alert: ({ state, ledger }, params) => {
    const tn = normalisedTn(params, 'tn')
    const did = state.owned(tn)
    if (!did?.has911) return answer('Add911Alert', response911(notEnabledCode, '911 is not enabled'))
    const email = textField(params, 'email').trim()
    if (!isEmailAddress(email)) return answer('Add911Alert', response911(invalidEmailCode, 'Email must be a valid e-mail address'))
    const book = bookOf(state)
    const recipients = book.alertsOf(did)
    if (!recipients.some((recipient) => recipient.toLowerCase() === email.toLowerCase())) {
      if (recipients.length >= maxRecipients) {
        return answer('Add911Alert', response911(tooManyRecipientsCode, `A number has at most ${maxRecipients} 911 alert recipients`))
      }
      book.setAlerts(did, [...recipients, email])
    }
    ledger.record(carrierName, 'Add911Alert', { tn, email })
    return answer('Add911Alert', response911(successCode, successMessage, { alerts: book.alertsOf(did) }))
  },

  Remove911Alert: ({ state, ledger }, params) => {
    const tn = normalisedTn(params, 'tn')
    const did = state.owned(tn)
    if (!did?.has911) return answer('Remove911Alert', response911(notEnabledCode, '911 is not enabled'))
    const email = textField(params, 'email').trim().toLowerCase()
    const book = bookOf(state)
    const recipients = book.alertsOf(did)
    const remaining = recipients.filter((recipient) => recipient.toLowerCase() !== email)
    if (remaining.length === recipients.length) {
      return answer('Remove911Alert', response911(notRecipientCode, `${email} is not a 911 alert recipient of ${tn}`))
    }
    book.setAlerts(did, remaining)
    ledger.record(carrierName, 'Remove911Alert', { tn, email })
    return answer('Remove911Alert', response911(successCode, successMessage, { alerts: remaining }))
  },
}
