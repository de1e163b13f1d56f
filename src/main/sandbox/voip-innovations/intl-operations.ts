/**
 * International DIDs (WSDL: GetCountries, AuditIntlDIDs, AssignIntlDID, ReleaseIntlDID), answering an
 * IntlResponse. The inventory is intl-inventory.ts.
 *
 * Choices where the WSDL leaves it open: IntlResponse carries no per-number code, so outcomes are
 * responseCodes in the families of assignDID and releaseDID (104258 bad endpoint group, 104270
 * insufficient prepaid balance, 104420 unknown city, 104440 no numbers left in the city; 106420 a number
 * the account does not own). AssignIntlDID charges the first month by the country's tier (prepaid.ts)
 * and answers the number in `DID`; IntlDID.status is "Active" for an owned number.
 */
import { soapAnswer, textField, type OutNode } from './envelope'
import { intlMonthlyFeeCents } from './prepaid'
import { intlResponse, successCode, successMessage, type OperationHandler } from './responses'
import type { OwnedIntlDid } from './intl-inventory'
import { intlCountries } from './intl-inventory'
import { carrierName } from './state'

const badEndpointGroupCode = 104258
const insufficientBalanceCode = 104270
const unknownCityCode = 104420
const cityEmptyCode = 104440
const notFoundCode = 106420

function intlDidElement(did: OwnedIntlDid): OutNode {
  return { tn: did.tn, country: did.country.name, city: did.city.name, tier: did.country.tier, status: 'Active' }
}

export const intlOperations: Record<string, OperationHandler> = {
  GetCountries: () =>
    soapAnswer(
      'GetCountries',
      intlResponse(successCode, successMessage, {
        countries: intlCountries.map((country) => ({
          name: country.name,
          abbrev: country.abbrev,
          cities: { City: country.cities.map((city) => ({ name: city.name, id: city.id })) },
        })),
      }),
    ),

  AuditIntlDIDs: ({ state }) =>
    soapAnswer('AuditIntlDIDs', intlResponse(successCode, successMessage, { dids: state.international.all().map(intlDidElement) })),

  AssignIntlDID: ({ state, ledger }, params) => {
    const answer = (code: number, message: string): ReturnType<OperationHandler> => soapAnswer('AssignIntlDID', intlResponse(code, message))
    const cityId = Number.parseInt(textField(params, 'cityID'), 10)
    const endpointGroup = Number.parseInt(textField(params, 'epgID'), 10)
    const found = state.international.city(cityId)
    if (!found) return answer(unknownCityCode, `Could not find city ${textField(params, 'cityID')}`)
    if (!state.isEndpointGroup(endpointGroup)) {
      return answer(badEndpointGroupCode, 'Bad Endpoint Group. This remote is not allowed to service this endpoint group')
    }
    const tn = state.international.nextAvailable(found.city)
    if (!tn) return answer(cityEmptyCode, `No numbers available in ${found.city.name}`)
    const charged = intlMonthlyFeeCents(found.country.tier)
    if (!state.prepaid.charge(charged)) return answer(insufficientBalanceCode, 'Insufficient prepaid balance')
    const did = state.international.assign(tn, found.country, found.city, endpointGroup)
    ledger.record(carrierName, 'AssignIntlDID', { tn, cityId, endpointGroup, chargedCents: charged })
    return soapAnswer('AssignIntlDID', intlResponse(successCode, successMessage, { did: intlDidElement(did) }))
  },

  ReleaseIntlDID: ({ state, ledger }, params) => {
    const tn = textField(params, 'tn').replace(/\D/g, '')
    if (!state.international.release(tn)) {
      return soapAnswer('ReleaseIntlDID', intlResponse(notFoundCode, `Could not find number ${tn}`))
    }
    ledger.record(carrierName, 'ReleaseIntlDID', { tn })
    return soapAnswer('ReleaseIntlDID', intlResponse(successCode, successMessage))
  },
}
