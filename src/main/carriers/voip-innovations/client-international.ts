/**
 * International DIDs (WSDL: GetCountries, AuditIntlDIDs, AssignIntlDID, ReleaseIntlDID), answering an
 * IntlResponse. VI sells international numbers by city, not by number: AssignIntlDID takes a city id
 * (from GetCountries) and an endpoint group, and answers the number it assigned.
 *
 * Purchases and releases are sent once. Because the number bought is not known until the answer comes,
 * assignIntlDid reads the account's international numbers first; after a lost answer it reads them again
 * and reports the one new number as bought, never buying twice.
 */
import { CarrierError } from '../../lib/carrier-error'
import { type ClientConstructor, type Settled, type Signal } from './client-base'
import { IntlResponseSchema, type ViIntlCountry, type ViIntlDid } from './schemas'
import { carrier } from './soap'

export interface IntlCity {
  id: number
  name: string
}

export interface IntlCountry {
  name: string
  /** VI's abbreviation (ISO 3166 alpha-2 in the sandbox). */
  abbrev: string
  cities: IntlCity[]
}

export interface IntlDid {
  /** Digits with the country code, without '+'. */
  tn: string
  country: string
  city: string
  tier: string
  status: string
}

const toCountry = (country: ViIntlCountry): IntlCountry => ({
  name: country.name ?? '',
  abbrev: country.abbrev ?? '',
  cities: country.cities.map((city) => ({ id: city.id, name: city.name ?? '' })),
})

const toIntlDid = (did: ViIntlDid): IntlDid => ({
  tn: did.tn,
  country: did.country ?? '',
  city: did.city ?? '',
  tier: did.tier ?? '',
  status: did.status ?? '',
})

const intlDigits = (tn: string): string => tn.replace(/\D/g, '')

export function withInternational<Base extends ClientConstructor>(base: Base) {
  return class InternationalOperations extends base {
    /** Countries and the cities in them where VI sells numbers. */
    async getCountries(options: Signal): Promise<IntlCountry[]> {
      const operation = 'GetCountries'
      const answer = this.expectSuccess(operation, await this.invoke(operation, {}, IntlResponseSchema, { signal: options.signal, kind: 'read', slow: true }))
      return answer.Countries.map(toCountry)
    }

    /** The account's international numbers. */
    async auditIntlDids(options: Signal): Promise<IntlDid[]> {
      const operation = 'AuditIntlDIDs'
      const answer = this.expectSuccess(operation, await this.invoke(operation, {}, IntlResponseSchema, { signal: options.signal, kind: 'read', slow: true }))
      return answer.DIDs.map(toIntlDid)
    }

    /** Buys a number in a city onto an endpoint group (the WSDL's cityID and epgID). Sent once, never retried. */
    async assignIntlDid(options: Signal & { cityId: number; endpointGroup: number }): Promise<IntlDid & Settled> {
      const operation = 'AssignIntlDID'
      const before = new Set((await this.auditIntlDids(options)).map((did) => did.tn))
      return this.settle(
        async () => {
          const answer = this.expectSuccess(
            operation,
            await this.invoke(operation, { cityID: options.cityId, epgID: options.endpointGroup }, IntlResponseSchema, {
              signal: options.signal,
              kind: 'mutation',
            }),
          )
          const [did] = answer.DID
          if (!did) throw this.missing(operation, 'DID')
          return toIntlDid(did)
        },
        async () => {
          const added = (await this.auditIntlDids(options)).filter((did) => !before.has(did.tn))
          if (added.length > 1) {
            // Someone else bought too meanwhile (the portal, another desk): which one is ours is unknown.
            throw new CarrierError('carrier', { carrier, operation, message: 'More than one new international number', retryable: false })
          }
          return added[0]
        },
      )
    }

    /** Gives an international number back. */
    releaseIntlDid(options: Signal & { tn: string }): Promise<{ tn: string } & Settled> {
      const operation = 'ReleaseIntlDID'
      const tn = intlDigits(options.tn)
      return this.settle(
        async () => {
          this.expectSuccess(operation, await this.invoke(operation, { tn }, IntlResponseSchema, { signal: options.signal, kind: 'mutation' }))
          return { tn }
        },
        async () => ((await this.auditIntlDids(options)).some((did) => did.tn === tn) ? undefined : { tn }),
      )
    }
  }
}
