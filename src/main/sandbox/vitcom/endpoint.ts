/**
 * How a Vitcom endpoint is served: `POST /api/did/<name>` with form fields, `token` and `accountno` checked
 * in the body on every call (there is no auth header), time-driven progress settled before the handler runs.
 */
import { faultOf, type Router, type SimRequest, type SimResponse } from '../kit/http'
import type { SimulatorContext } from '../kit/simulator'
import { invalid, readFields, vitcomBasePath, type VitcomFields } from './forms'
import type { VitcomState } from './state'

export const vitcomCarrier = 'vitcom'

export interface VitcomEnv {
  context: SimulatorContext
  state: VitcomState
  /** Writes an accepted mutation to the Sandbox ledger (never a secret). */
  record(operation: string, details: Record<string, unknown>): void
  /** Run before every authenticated call, e.g. moving LNP orders along the simulated clock. */
  beforeEach: (() => void)[]
}

export type EndpointHandler = (fields: VitcomFields, request: SimRequest) => SimResponse | Promise<SimResponse>

export function createVitcomEnv(context: SimulatorContext, state: VitcomState): VitcomEnv {
  return {
    context,
    state,
    record: (operation, details) => {
      context.ledger.record(vitcomCarrier, operation, details)
    },
    beforeEach: [],
  }
}

/**
 * Checks the credentials carried in the body. The token is a static API key (no login call exists), so the
 * only expiry is the scripted `token-expired` fault, answered like any wrong token.
 */
function authenticate(fields: VitcomFields, request: SimRequest, state: VitcomState): void {
  const token = fields.get('token')
  if (!token || token !== state.token || faultOf(request) === 'token-expired') throw invalid('token')
  if (fields.get('accountno') !== state.accountNo) throw invalid('accountno')
}

export function addEndpoint(router: Router, env: VitcomEnv, name: string, handler: EndpointHandler): void {
  router.add('POST', `${vitcomBasePath}/${name}`, async (request) => {
    const fields = await readFields(request)
    authenticate(fields, request, env.state)
    for (const step of env.beforeEach) step()
    return handler(fields, request)
  })
}
