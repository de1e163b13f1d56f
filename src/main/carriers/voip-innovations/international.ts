/**
 * VoIP Innovations' international numbers in domain terms (GetCountries, AuditIntlDIDs, AssignIntlDID,
 * ReleaseIntlDID). VI sells them by city, not by number: a search answers one offer per city of the
 * country (or as many as asked for in the city chosen), each marked `carrierPicks`, and a purchase
 * reports the number VI assigned as its line's `assigned`. Each purchase and release is one call, sent
 * once; the client settles a lost answer by reading the account's international numbers again.
 */
import type { AvailableNumber, CountryOffer, NumberSearchQuery, OrderLine, PhoneNumberRecord } from '../../../shared/domain'
import { AppError } from '../../lib/app-error'
import { CarrierError } from '../../lib/carrier-error'
import { isAuthFailure } from '../kit/auth'
import { untilCancelled } from '../kit/outcome'
import { toE164 } from '../kit/phone'
import type { IntlCountry, VoipInnovationsClient } from './client'
import { toIntlRecord } from './mapping'
import { unknownOutcome } from './per-number'
import { carrier } from './soap'

/** Offers per city when the search names one (each is "any number in the city": VI picks it). */
const maxOffersPerCity = 20

/** What an international offer carries for its purchase. */
interface CityOffer {
  cityId: number
  city: string
  country: string
}

export const isInternational = (e164: string): boolean => !e164.startsWith('+1')

export function cityOfOffer(offer: unknown): CityOffer | undefined {
  if (typeof offer !== 'object' || offer === null) return undefined
  const { cityId, city, country } = offer as Partial<CityOffer>
  return typeof cityId === 'number' && Number.isInteger(cityId) && typeof city === 'string' && typeof country === 'string'
    ? { cityId, city, country }
    : undefined
}

export const toCountryOffer = (country: IntlCountry): CountryOffer => ({
  name: country.name,
  code: country.abbrev.toUpperCase(),
  cities: country.cities.map((city) => ({ id: String(city.id), name: city.name })),
})

/** GetCountries, read once per client (the list changes rarely and the call is slow on the real service). */
export class IntlCatalogue {
  private countries: Promise<IntlCountry[]> | undefined

  constructor(private readonly api: VoipInnovationsClient) {}

  list(signal: AbortSignal): Promise<IntlCountry[]> {
    const pending = this.countries ?? this.api.getCountries({ signal })
    this.countries = pending
    // A failed or cancelled read is not kept: the next caller asks again.
    pending.catch(() => {
      if (this.countries === pending) this.countries = undefined
    })
    return pending
  }

  /**
   * The offers for an international search: the query's country by ISO code (or name), one offer per
   * city, or up to `limit` (at most 20) in the city it names.
   */
  async search(query: NumberSearchQuery, context: { accountId: string; fetchedAt: number; signal: AbortSignal }): Promise<AvailableNumber[]> {
    if (!query.country) throw new AppError('validation', 'VoIP Innovations sells international numbers by country and city: choose a country')
    const wanted = query.country.toUpperCase()
    const country = (await this.list(context.signal)).find(
      (candidate) => candidate.abbrev.toUpperCase() === wanted || candidate.name.toUpperCase() === wanted,
    )
    if (!country) return []
    const cities = query.city === undefined ? country.cities : country.cities.filter((city) => String(city.id) === query.city)
    const perCity = query.city === undefined ? 1 : Math.min(query.limit, maxOffersPerCity)
    const offers: AvailableNumber[] = []
    for (const city of cities) {
      for (let index = 1; index <= perCity && offers.length < query.limit; index += 1) {
        const name = `${city.name}, ${country.abbrev.toUpperCase()}: any number${perCity > 1 ? ` (${index})` : ''}`
        offers.push({
          accountId: context.accountId,
          carrier,
          e164: name,
          type: 'international',
          rateCenter: city.name,
          fetchedAt: context.fetchedAt,
          offer: { cityId: city.id, city: city.name, country: country.name } satisfies CityOffer,
          carrierPicks: true,
        })
      }
    }
    return offers
  }
}

/** Buys one number per offer, one AssignIntlDID each; a cancel stops between them. */
export function purchaseInternational(
  api: VoipInnovationsClient,
  offers: AvailableNumber[],
  endpointGroupFor: (offer: AvailableNumber) => Promise<number>,
  signal: AbortSignal,
): Promise<OrderLine[]> {
  return untilCancelled(offers, signal, (offer) => [offer.e164], async (offer): Promise<OrderLine[]> => {
    const city = cityOfOffer(offer.offer)
    if (!city) return [{ e164: offer.e164, ok: false, code: 'validation', message: 'This offer names no VoIP Innovations city' }]
    const endpointGroup = await endpointGroupFor(offer)
    try {
      const bought = await api.assignIntlDid({ cityId: city.cityId, endpointGroup, signal })
      const assigned = toE164(`+${bought.tn}`) ?? `+${bought.tn}`
      return [
        {
          e164: offer.e164,
          ok: true,
          assigned,
          message: `Bought ${assigned} in ${city.city}${bought.checkedAfterFailure ? ' (confirmed after an unclear answer)' : ''}`,
          checkedAfterFailure: bought.checkedAfterFailure || undefined,
        },
      ]
    } catch (error) {
      if (isAuthFailure(error) || !(error instanceof CarrierError)) throw error
      if (error.info.ambiguous) return [unknownOutcome(offer.e164, error)]
      return [{ e164: offer.e164, ok: false, code: error.info.carrierCode, message: error.info.message }]
    }
  })
}

/** Releases international numbers, one ReleaseIntlDID each. */
export function releaseInternational(api: VoipInnovationsClient, e164s: string[], signal: AbortSignal): Promise<OrderLine[]> {
  return untilCancelled(e164s, signal, (e164) => [e164], async (e164): Promise<OrderLine[]> => {
    try {
      const released = await api.releaseIntlDid({ tn: e164, signal })
      return [released.checkedAfterFailure ? { e164, ok: true, message: 'Released (confirmed after an unclear answer)', checkedAfterFailure: true } : { e164, ok: true }]
    } catch (error) {
      if (isAuthFailure(error) || !(error instanceof CarrierError)) throw error
      if (error.info.ambiguous) return [unknownOutcome(e164, error)]
      return [{ e164, ok: false, code: error.info.carrierCode, message: error.info.message }]
    }
  })
}

/** The account's international numbers as records (a sync's last page, a read after a purchase). */
export async function intlRecords(api: VoipInnovationsClient, context: { accountId: string; asOf: number; signal: AbortSignal }): Promise<PhoneNumberRecord[]> {
  const dids = await api.auditIntlDids({ signal: context.signal })
  return dids.map((did) => toIntlRecord(did, context)).filter((record): record is PhoneNumberRecord => record !== undefined)
}
