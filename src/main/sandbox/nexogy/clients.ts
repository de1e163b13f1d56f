/**
 * Residential clients of the simulated Nexogy DNA API: create (with the documented parameter validation,
 * 406 naming each failing parameter), activate, suspend, cancel, update the start billing date, and the
 * status of a client's domain. Every accepted change goes to the ledger.
 */
import type { SimClock } from '../kit/clock'
import { SimHttpError, type SimRequest, type SimResponse } from '../kit/http'
import type { Ledger } from '../kit/ledger'
import { defaultExtension } from './devices'
import { isNexogyInventoryNumber } from './dids'
import type { NexogyAuth } from './oauth'
import { inputOf, isBillingDate, nexogyCarrier, ok, ParameterErrors, present, unixSeconds, zeroOrOne } from './protocol'
import { domainStatusOf, type ClientStatus, type ClientStore, type ResidentialClient } from './store'

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const zipcodePattern = /^\d{5}(-\d{4})?$/
/** Ten-digit NANP number: area code and exchange cannot start with 0 or 1. */
const didPattern = /^[2-9]\d{2}[2-9]\d{6}$/
const identifierPattern = /^[A-Za-z0-9_-]{1,64}$/
const maxTextLength = 255

/**
 * `sameBillingAddress` (1/0) is the documented name. The early draft named it `same_billing_address` with
 * true/false; a Laravel service that renamed an input usually keeps reading the old one for the clients built
 * against it, so the draft's name is accepted when the new one is absent. The new name stays strictly 1/0.
 */
function sameBillingAddressOf(input: Map<string, string>, errors: ParameterErrors): boolean | undefined {
  if (present(input, 'sameBillingAddress') !== undefined || present(input, 'same_billing_address') === undefined) {
    return zeroOrOne(input, 'sameBillingAddress', errors)
  }
  const draft = present(input, 'same_billing_address')?.toLowerCase()
  if (draft === 'true' || draft === '1') return true
  if (draft === 'false' || draft === '0') return false
  errors.add('same_billing_address', 'The same_billing_address field must be true or false.')
  return undefined
}

function requiredText(input: Map<string, string>, name: string, errors: ParameterErrors): string {
  const value = present(input, name)
  if (value === undefined) errors.add(name, `The ${name} field is required.`)
  else if (value.length > maxTextLength) errors.add(name, `The ${name} may not be greater than ${maxTextLength} characters.`)
  return value ?? ''
}

function requiredZipcode(input: Map<string, string>, name: string, errors: ParameterErrors): string {
  const value = requiredText(input, name, errors)
  if (value !== '' && !zipcodePattern.test(value)) errors.add(name, `The ${name} must be a 5 digit zip code.`)
  return value
}

function requiredBillingDate(input: Map<string, string>, errors: ParameterErrors): string {
  const value = present(input, 'start_billing_date')
  if (value === undefined) errors.add('start_billing_date', 'The start_billing_date field is required.')
  else if (!isBillingDate(value)) {
    errors.add('start_billing_date', 'The start_billing_date does not match the format MM/DD/YYYY.')
  }
  return value ?? ''
}

export function createClientHandlers(deps: { auth: NexogyAuth; store: ClientStore; clock: SimClock; ledger: Ledger }) {
  const { auth, store, clock, ledger } = deps

  /** Laravel route-model binding: an id that is not a known client is a 404. */
  function clientAt(request: SimRequest): ResidentialClient {
    const id = request.params.id ?? ''
    const client = /^\d{1,12}$/.test(id) ? store.get(Number(id)) : undefined
    if (!client) throw new SimHttpError(404, `Client ${id} not found`)
    return client
  }

  function transition(client: ResidentialClient, to: ClientStatus, operation: string): SimResponse {
    const now = clock.now()
    const from = client.status
    client.status = to
    client.statusChangedAt = now
    ledger.record(nexogyCarrier, operation, {
      clientId: client.id,
      domain: client.domain,
      from,
      to,
      domainStatus: domainStatusOf(to),
    })
    return ok({ timestamp: unixSeconds(now) })
  }

  const goneError = (client: ResidentialClient): SimHttpError =>
    new SimHttpError(410, `Client ${client.id} is cancelled`)

  return {
    create(request: SimRequest): SimResponse {
      auth.authorize(request, 'residential')
      const input = inputOf(request)
      const errors = new ParameterErrors()

      const email = requiredText(input, 'email', errors)
      if (email !== '' && !emailPattern.test(email)) errors.add('email', 'The email must be a valid email address.')
      const firstName = requiredText(input, 'first_name', errors)
      const lastName = requiredText(input, 'last_name', errors)
      const zipcode = requiredZipcode(input, 'zipcode', errors)
      const address = requiredText(input, 'address', errors)

      const sameBillingAddress = sameBillingAddressOf(input, errors)
      let billingAddress = address
      let billingZipcode = zipcode
      if (sameBillingAddress === false) {
        // "when 0 billing_address and billing_zipcode are required" (doc, Create a Client).
        billingAddress = requiredText(input, 'billing_address', errors)
        billingZipcode = requiredZipcode(input, 'billing_zipcode', errors)
      }

      const hasSubreseller = zeroOrOne(input, 'has_subreseller_id', errors)
      const subresellerId = present(input, 'subreseller_id')
      if (hasSubreseller === true && subresellerId === undefined) {
        errors.add('subreseller_id', 'The subreseller_id field is required when has_subreseller_id is 1.')
      } else if (hasSubreseller === true && subresellerId !== undefined && !identifierPattern.test(subresellerId)) {
        errors.add('subreseller_id', 'The subreseller_id format is invalid.')
      }

      const customerId = present(input, 'customer_id')
      if (customerId !== undefined && !identifierPattern.test(customerId)) {
        errors.add('customer_id', 'The customer_id format is invalid.')
      }

      const startBillingDate = requiredBillingDate(input, errors)
      const didPorting = zeroOrOne(input, 'did_porting', errors)

      const didNumber = present(input, 'did_number') ?? ''
      if (didNumber === '') errors.add('did_number', 'The did_number field is required.')
      else if (!didPattern.test(didNumber)) errors.add('did_number', 'The did_number must be a 10 digit number.')
      else if (store.holderOf(didNumber)) errors.add('did_number', 'The did_number has already been taken.')
      else if (didPorting === false && !isNexogyInventoryNumber(didNumber)) {
        // A number that is not ported in must come from Nexogy's own stock (the DID search).
        errors.add('did_number', 'The did_number is not available; search available DIDs or set did_porting to 1.')
      }
      errors.throwIfAny()

      const now = clock.now()
      const client = store.create(
        {
          email,
          firstName,
          lastName,
          zipcode,
          address,
          billingAddress,
          billingZipcode,
          subresellerId: hasSubreseller ? subresellerId : undefined,
          customerId,
          startBillingDate,
          didNumber,
          didPorting: didPorting === true,
        },
        now,
      )
      ledger.record(nexogyCarrier, 'client.created', {
        clientId: client.id,
        domain: client.domain,
        didNumber,
        didPorting: client.didPorting,
        startBillingDate,
        ...(client.customerId ? { customerId: client.customerId } : {}),
        ...(client.subresellerId ? { subresellerId: client.subresellerId } : {}),
      })
      ledger.record(nexogyCarrier, 'device.created', {
        clientId: client.id,
        domain: client.domain,
        extension: defaultExtension,
        aor: `sip:${defaultExtension}@${client.domain}`,
      })
      // The doc does not give a status code; it shows this body, answered as a plain 200.
      return ok({ client: { id: client.id, ns_domain: client.domain } })
    },

    /**
     * "If the client was previously cancelled, it activates the client on Netsapiens and sets the
     * billing_status to active" (doc): a cancelled client CAN be activated. Only an active one is refused.
     */
    activate(request: SimRequest): SimResponse {
      auth.authorize(request, 'residential')
      const client = clientAt(request)
      if (client.status === 'active') throw new SimHttpError(400, `Client ${client.id} is already active`)
      return transition(client, 'active', 'client.activated')
    },

    /** Suspending locks the domain; a cancelled client is gone (410), a suspended one cannot be suspended again. */
    suspend(request: SimRequest): SimResponse {
      auth.authorize(request, 'residential')
      const client = clientAt(request)
      if (client.status === 'cancelled') throw goneError(client)
      if (client.status === 'suspended') throw new SimHttpError(400, `Client ${client.id} is already suspended`)
      return transition(client, 'suspended', 'client.suspended')
    },

    cancel(request: SimRequest): SimResponse {
      auth.authorize(request, 'residential')
      const client = clientAt(request)
      if (client.status === 'cancelled') throw goneError(client)
      return transition(client, 'cancelled', 'client.cancelled')
    },

    /** "For now it's only available for the start_billing_date field" (doc, Update). */
    update(request: SimRequest): SimResponse {
      auth.authorize(request, 'residential')
      const client = clientAt(request)
      const errors = new ParameterErrors()
      const startBillingDate = requiredBillingDate(inputOf(request), errors)
      errors.throwIfAny()
      if (client.status === 'cancelled') throw goneError(client)
      const previous = client.startBillingDate
      client.startBillingDate = startBillingDate
      const now = clock.now()
      ledger.record(nexogyCarrier, 'client.updated', {
        clientId: client.id,
        domain: client.domain,
        startBillingDate,
        previousStartBillingDate: previous,
      })
      return ok({ timestamp: unixSeconds(now) })
    },

    /** The doc's `timestamp` here is read as the time of the answer, like every other operation's. */
    domainStatus(request: SimRequest): SimResponse {
      auth.authorize(request, 'residential')
      const domain = request.params.domain ?? ''
      const client = store.byDomain(domain)
      if (!client) throw new SimHttpError(404, `Domain ${domain} not found`)
      return ok({ status: domainStatusOf(client.status), timestamp: unixSeconds(clock.now()) })
    },
  }
}
