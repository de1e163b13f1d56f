/**
 * E911 of owned numbers (WSDL: insert911, update911, remove911, query911, audit911, validate911,
 * addLocation, getLocations, provisionLocation, removeLocation, getProvisioningHistory) and 911 alerts,
 * the e-mail addresses told when a number dials 911 (Query911Alert, Add911Alert, Remove911Alert), all
 * answering a Response911.
 *
 * insert911 raises an ambiguous CarrierError when its answer is lost (the adapter settles it with
 * query911); the other mutations settle themselves by reading the number back.
 */
import { expectAnswer } from '../kit/answer'
import { CarrierError } from '../../lib/carrier-error'
import { successCode, tenDigits, type ClientConstructor, type Settled, type Signal } from './client-base'
import { Did911Schema, Response911Schema, ResponseHeadSchema, type ViDid911, type ViLocation, type ViStatus911 } from './schemas'
import { carrier, type SoapFields } from './soap'

export interface Address911 {
  address1: string
  address2?: string | undefined
  city: string
  state: string
  zip: string
  plusFour?: string | undefined
  callerName: string
}

export interface AddressValidation {
  valid: boolean
  code: number
  message?: string | undefined
}

export interface Alert911 {
  /** Whether the number has 911 service, without which it takes no alerts (941 "911 is not enabled"). */
  enabled: boolean
  code: number
  message?: string | undefined
  /** Who is e-mailed when the number dials 911. */
  recipients: string[]
}

/** A 911 change's status lines (insert911 ... removeLocation). */
export interface Change911 {
  statuses: ViStatus911[]
}

export interface AlertRecipients {
  tn: string
  recipients: string[]
}

/** Whether a 911 status line reports success: code 100, or a "successfully ..." text (remove_location.xml: 205100). */
export function status911Ok(status: ViStatus911): boolean {
  return status.code === String(successCode) || /success/i.test(status.description)
}

/** getLocations' placeholder for "no location" (get_locations.xml: statusCode 206200, every field empty). */
const noLocationCode = '206200'
/** Query911Alert's "911 is not enabled" (query_911_alert.xml): an answer, not a failure. */
const notEnabled911Code = 941

function addressFields(address: Address911): SoapFields {
  return {
    address1: address.address1,
    address2: address.address2 ?? '',
    city: address.city,
    state: address.state,
    zip: address.zip,
    plusFour: address.plusFour ?? '',
    callerName: address.callerName,
  }
}

/** Whether a record read back holds the address sent (VI writes addresses in capitals, ZIP+4 in one field). */
function sameAddress(record: { address1?: string | undefined; zipCode?: string | undefined }, address: Address911): boolean {
  return (
    (record.address1 ?? '').trim().toUpperCase() === address.address1.trim().toUpperCase() &&
    (record.zipCode ?? '').startsWith(address.zip.trim())
  )
}

const sameEmail = (left: string, right: string): boolean => left.trim().toLowerCase() === right.trim().toLowerCase()

export function with911<Base extends ClientConstructor>(base: Base) {
  return class E911Operations extends base {
    /**
     * A 911 change: responseCode 100 and every status line a success. A status line can carry a failure
     * inside a Success answer (provisionLocation: 206200 "could not be found"); success texts are not
     * mistaken for errors (README: E911 updates were).
     */
    private async change911(operation: string, fields: SoapFields, signal: AbortSignal): Promise<Change911> {
      const answer = this.expectSuccess(operation, await this.invoke(operation, fields, Response911Schema, { signal, kind: 'mutation' }))
      const failed = answer.Statuses.find((status) => !status911Ok(status))
      if (failed) {
        throw new CarrierError('carrier', {
          carrier,
          operation,
          httpStatus: 200,
          carrierCode: failed.code,
          message: this.transport.redact(failed.description || `status ${failed.code}`),
          retryable: false,
        })
      }
      return { statuses: answer.Statuses }
    }

    /** insert911: a 911 address for an owned number, provisioned at once. */
    async insert911(options: Signal & { did: string; address: Address911 }): Promise<ViStatus911[]> {
      return (await this.change911('insert911', { did: tenDigits(options.did), ...addressFields(options.address) }, options.signal)).statuses
    }

    /** update911: a new address for a number that has 911 (an E911 change updates, not inserts). */
    update911(options: Signal & { did: string; address: Address911 }): Promise<Change911 & Settled> {
      const did = tenDigits(options.did)
      return this.settle(
        () => this.change911('update911', { did, ...addressFields(options.address) }, options.signal),
        async () => {
          const { records } = await this.query911({ did, signal: options.signal })
          return records.some((record) => sameAddress(record, options.address)) ? { statuses: [] } : undefined
        },
      )
    }

    /** remove911: archives every 911 record of the number. */
    remove911(options: Signal & { did: string }): Promise<Change911 & Settled> {
      const did = tenDigits(options.did)
      return this.settle(
        () => this.change911('remove911', { did }, options.signal),
        async () => ((await this.query911({ did, signal: options.signal })).records.length === 0 ? { statuses: [] } : undefined),
      )
    }

    /** The provisioned 911 record(s) and locations of a number. */
    async query911(options: Signal & { did: string }): Promise<{ records: ViDid911[]; locations: ViLocation[] }> {
      const operation = 'query911'
      const answer = this.expectSuccess(
        operation,
        await this.invoke(operation, { did: tenDigits(options.did) }, Response911Schema, { signal: options.signal, kind: 'read' }),
      )
      return { records: answer.DID911s, locations: answer.VILocations }
    }

    /** Every number with 911 on the account. */
    async audit911(options: Signal): Promise<ViDid911[]> {
      const operation = 'audit911'
      const answer = this.expectSuccess(operation, await this.invoke(operation, {}, Response911Schema, { signal: options.signal, kind: 'read', slow: true }))
      return answer.DID911s
    }

    /**
     * audit911 streamed record by record (a numbers sync reads it beside auditDIDs), so an account with
     * 911 on a few hundred thousand numbers never holds the whole answer in memory.
     */
    async audit911Records(options: Signal & { onRecord(record: ViDid911): void }): Promise<void> {
      const operation = 'audit911'
      const head = await this.transport.stream(operation, {}, 'DID911', { signal: options.signal, kind: 'read', timeoutMs: this.slowMs }, (item) =>
        options.onRecord(expectAnswer(Did911Schema, item, { carrier, operation, httpStatus: 200 })),
      )
      this.expectSuccess(operation, expectAnswer(ResponseHeadSchema, head, { carrier, operation, httpStatus: 200 }))
    }

    /** Checks an address; a refused address is an answer (valid: false, VI's message), not an error. */
    async validate911(options: Signal & { address: Address911 }): Promise<AddressValidation> {
      const operation = 'validate911'
      const answer = await this.invoke(operation, addressFields(options.address), Response911Schema, { signal: options.signal, kind: 'read' })
      if (answer.responseCode === successCode) return { valid: true, code: answer.responseCode, message: answer.responseMessage }
      const refusal = this.transport.refusal(operation, answer.responseCode, answer.responseMessage)
      if (refusal.code === 'auth') throw refusal
      return { valid: false, code: answer.responseCode, message: refusal.info.message }
    }

    /**
     * Adds a (geocoded, not yet provisioned) location to an owned number. The locations are read first, so
     * that after a lost answer the new one can be told from those that were there.
     */
    async addLocation(options: Signal & { did: string; address: Address911 }): Promise<ViLocation & Settled> {
      const operation = 'addLocation'
      const did = tenDigits(options.did)
      const before = new Set((await this.getLocations({ did, signal: options.signal })).map((location) => location.locationId))
      return this.settle(
        async () => {
          const answer = this.expectSuccess(
            operation,
            await this.invoke(operation, { did, ...addressFields(options.address) }, Response911Schema, { signal: options.signal, kind: 'mutation' }),
          )
          const [location] = answer.VILocations
          if (!location?.locationId) throw this.missing(operation, 'location')
          return location
        },
        async () =>
          (await this.getLocations({ did, signal: options.signal })).find(
            (location) => !before.has(location.locationId) && sameAddress(location, options.address),
          ),
      )
    }

    /** A number's locations; VI's empty 206200 placeholder (get_locations.xml) means none. */
    async getLocations(options: Signal & { did: string }): Promise<ViLocation[]> {
      const operation = 'getLocations'
      const answer = this.expectSuccess(
        operation,
        await this.invoke(operation, { did: tenDigits(options.did) }, Response911Schema, { signal: options.signal, kind: 'read' }),
      )
      return answer.VILocations.filter((location) => location.statusCode !== noLocationCode && location.locationId !== undefined)
    }

    /** Makes one of the number's locations the provisioned one. */
    provisionLocation(options: Signal & { did: string; locationId: string }): Promise<Change911 & Settled> {
      const did = tenDigits(options.did)
      return this.settle(
        () => this.change911('provisionLocation', { did, locationId: options.locationId }, options.signal),
        async () => {
          const locations = await this.getLocations({ did, signal: options.signal })
          const target = locations.find((location) => location.locationId === options.locationId)
          return target?.statusCode === 'PROVISIONED' ? { statuses: [] } : undefined
        },
      )
    }

    removeLocation(options: Signal & { did: string; locationId: string }): Promise<Change911 & Settled> {
      const did = tenDigits(options.did)
      return this.settle(
        // WSDL order: locationId before did.
        () => this.change911('removeLocation', { locationId: options.locationId, did }, options.signal),
        async () => {
          const locations = await this.getLocations({ did, signal: options.signal })
          return locations.some((location) => location.locationId === options.locationId) ? undefined : { statuses: [] }
        },
      )
    }

    async getProvisioningHistory(options: Signal & { did: string }): Promise<ViLocation[]> {
      const operation = 'getProvisioningHistory'
      const answer = this.expectSuccess(
        operation,
        await this.invoke(operation, { did: tenDigits(options.did) }, Response911Schema, { signal: options.signal, kind: 'read' }),
      )
      return answer.VILocations
    }

    /** Who is told when the number dials 911; 941 "911 is not enabled" is an answer (no recipients), not a failure. */
    async query911Alert(options: Signal & { tn: string }): Promise<Alert911> {
      const operation = 'Query911Alert'
      const answer = this.expectSuccess(
        operation,
        await this.invoke(operation, { tn: tenDigits(options.tn) }, Response911Schema, { signal: options.signal, kind: 'read' }),
        [notEnabled911Code],
      )
      const enabled = answer.responseCode === successCode
      return { enabled, code: answer.responseCode, message: answer.responseMessage, recipients: enabled ? answer.Alerts : [] }
    }

    /** Adds an e-mail address told when the number dials 911 (the number must have 911). */
    add911Alert(options: Signal & { tn: string; email: string }): Promise<AlertRecipients & Settled> {
      return this.changeAlert('Add911Alert', options, true)
    }

    remove911Alert(options: Signal & { tn: string; email: string }): Promise<AlertRecipients & Settled> {
      return this.changeAlert('Remove911Alert', options, false)
    }

    private changeAlert(
      operation: 'Add911Alert' | 'Remove911Alert',
      options: Signal & { tn: string; email: string },
      present: boolean,
    ): Promise<AlertRecipients & Settled> {
      const tn = tenDigits(options.tn)
      const email = options.email.trim()
      return this.settle(
        async () => {
          const answer = this.expectSuccess(
            operation,
            await this.invoke(operation, { tn, email }, Response911Schema, { signal: options.signal, kind: 'mutation' }),
          )
          return { tn, recipients: answer.Alerts }
        },
        async () => {
          const { recipients } = await this.query911Alert({ tn, signal: options.signal })
          return recipients.some((recipient) => sameEmail(recipient, email)) === present ? { tn, recipients } : undefined
        },
      )
    }
  }
}
