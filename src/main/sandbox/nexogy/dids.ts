/**
 * DID search of the simulated Nexogy DNA API (`/dids/search?npa=&state=`): available numbers from the
 * Sandbox numbering plan, minus those already held by a residential client, in the doc's nested shape.
 */
import type { SimRequest, SimResponse } from '../kit/http'
import { areaCodes, laneIndexOf, searchAvailable, states } from '../kit/numbering'
import type { NexogyAuth } from './oauth'
import { inputOf, ok, ParameterErrors, present } from './protocol'
import type { ClientStore } from './store'

/** The doc does not document a page size; `quantity` is read when sent (its answer has that field). */
const defaultQuantity = 10
const maxQuantity = 50

/**
 * Whether a number belongs to Nexogy's available pool in the Sandbox numbering plan (every line of the
 * exchanges 600-999 that fall to Nexogy's slot). A client created with `did_porting=0` must use one of these.
 */
export function isNexogyInventoryNumber(tn: string): boolean {
  return laneIndexOf('nexogy', tn)?.pool === 'available'
}

/** The doc's example lists only "Vanity" numbers; memorable lines are vanity, the rest standard. */
export function categoryOf(tn: string): 'Vanity' | 'Standard' {
  const line = tn.slice(6)
  return /(\d)\1\1/.test(line) || line.endsWith('00') ? 'Vanity' : 'Standard'
}

/** Accepts a two-letter code or, as the doc's prose says "state name", the full name. */
function stateCodeOf(text: string): string | undefined {
  const wanted = text.trim().toLowerCase()
  return states.find((state) => state.code.toLowerCase() === wanted || state.name.toLowerCase() === wanted)?.code
}

export function createDidHandlers(deps: { auth: NexogyAuth; store: ClientStore; seed: number }) {
  const { auth, store, seed } = deps
  return {
    search(request: SimRequest): SimResponse {
      auth.authorize(request, 'dids')
      const input = inputOf(request)
      const errors = new ParameterErrors()
      const npa = present(input, 'npa')
      const stateText = present(input, 'state')
      const quantityText = present(input, 'quantity')
      if (npa === undefined && stateText === undefined) {
        errors.add('npa', 'The npa field is required when state is not present.')
        errors.add('state', 'The state field is required when npa is not present.')
      }
      if (npa !== undefined && !/^[2-9]\d{2}$/.test(npa)) errors.add('npa', 'The npa must be a 3 digit area code.')
      const state = stateText === undefined ? undefined : stateCodeOf(stateText)
      if (stateText !== undefined && state === undefined) errors.add('state', 'The selected state is invalid.')
      const quantity = quantityText === undefined ? defaultQuantity : Number(quantityText)
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > maxQuantity) {
        errors.add('quantity', `The quantity must be between 1 and ${maxQuantity}.`)
      }
      errors.throwIfAny()

      const found = searchAvailable(
        'nexogy',
        seed,
        { ...(npa ? { npa } : {}), ...(state ? { state } : {}) },
        quantity,
        (tn) => store.holderOf(tn) !== undefined,
      )
      // `npas` comes from an XML-shaped upstream answer: one NPA is a string, several are a list.
      const searchedNpas =
        npa !== undefined
          ? [npa]
          : [...new Set(areaCodes.filter((area) => area.state === state).map((area) => area.npa))]
      // A well-formed area code without Nexogy numbers answers an empty list, not an error.
      return ok({
        return: {
          npas: { npa: searchedNpas.length === 1 ? searchedNpas[0] : searchedNpas },
          quantity,
          consecutive: 1,
          // `number` is a JSON number in the doc's example.
          result: { tn: found.map((facts) => ({ number: Number(facts.tn), category: categoryOf(facts.tn) })) },
          tnCount: found.length,
        },
      })
    },
  }
}
