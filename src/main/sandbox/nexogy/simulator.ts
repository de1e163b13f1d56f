/**
 * The Nexogy DNA API simulator: OAuth2 password/refresh grants, residential clients, devices and DID search
 * under `/api`, built from `carrier-docs/nexogy-dna-api.md` (and tolerant of the early draft where the real
 * service plausibly still is). The modules beside this file hold each area; this one wires the routes.
 */
import { Router, type SimRequest } from '../kit/http'
import type { SimulatorFactory } from '../kit/simulator'
import { createClientHandlers } from './clients'
import { createDeviceHandlers, createKeySealer } from './devices'
import { createDidHandlers } from './dids'
import { createNexogyAuth, nexogyCredentialsFor } from './oauth'
import { nexogyCarrier, nexogyErrorBody } from './protocol'
import { createClientStore } from './store'

export { nexogyCredentialsFor } from './oauth'
export { seededNexogyClients, type SeededClientPlan } from './store'

export const nexogyBasePath = '/api'

/** Operation names scripted faults can `match`; the refresh grant also matches `oauth.token`. */
export function nexogyOperationOf(request: SimRequest): string {
  const path = request.path.startsWith(nexogyBasePath) ? request.path.slice(nexogyBasePath.length) : request.path
  const trimmed = path.replace(/\/+$/, '')
  if (trimmed === '/oauth/token') {
    const grant = request.query.get('grant_type') ?? new URLSearchParams(request.text()).get('grant_type')
    return grant === 'refresh_token' ? 'oauth.token.refresh' : 'oauth.token'
  }
  if (trimmed === '/residential/client') return 'clients.create'
  const action = /^\/residential\/client\/[^/]+\/(activate|suspend|cancel)$/.exec(trimmed)
  if (action) return `clients.${action[1]}`
  if (/^\/residential\/client\/[^/]+$/.test(trimmed)) return 'clients.update'
  if (/^\/residential\/domain\/[^/]+$/.test(trimmed)) return 'clients.status'
  if (trimmed === '/residential/device') return 'devices.create'
  if (trimmed === '/dids/search') return 'dids.search'
  return request.path
}

export const createNexogySimulator: SimulatorFactory = (context) => {
  const { seed, clock, ledger, faults } = context
  const credentials = nexogyCredentialsFor(seed)
  const auth = createNexogyAuth(credentials, clock, faults)
  const sealer = createKeySealer()
  const store = createClientStore({ seed, ownedNumbers: context.ownedNumbers, now: clock.now(), sealer })
  const clients = createClientHandlers({ auth, store, clock, ledger })
  const devices = createDeviceHandlers({ auth, store, sealer, clock, ledger })
  const dids = createDidHandlers({ auth, store, seed })

  const at = (path: string): string => `${nexogyBasePath}${path}`
  const router = new Router()
  // The doc's curl for the token (and for the search) sends GET while its text says POST: both are served.
  router.add('GET', at('/oauth/token'), auth.token)
  router.add('POST', at('/oauth/token'), auth.token)
  router.add('POST', at('/residential/client'), clients.create)
  // Activate and suspend were GET in the early draft (and the newer doc's curl examples still send GET);
  // the service plausibly kept those routes for older clients. Cancel came later and is POST only.
  router.add('POST', at('/residential/client/:id/activate'), clients.activate)
  router.add('GET', at('/residential/client/:id/activate'), clients.activate)
  router.add('POST', at('/residential/client/:id/suspend'), clients.suspend)
  router.add('GET', at('/residential/client/:id/suspend'), clients.suspend)
  router.add('POST', at('/residential/client/:id/cancel'), clients.cancel)
  router.add('POST', at('/residential/client/:id'), clients.update)
  router.add('GET', at('/residential/domain/:domain'), clients.domainStatus)
  router.add('POST', at('/residential/device'), devices.create)
  router.add('POST', at('/dids/search'), dids.search)
  router.add('GET', at('/dids/search'), dids.search)

  return {
    basePath: nexogyBasePath,
    definition: {
      name: nexogyCarrier,
      router,
      renderError: (status, message) => nexogyErrorBody(status, message),
      operationOf: nexogyOperationOf,
    },
    account: (baseUrl) => ({
      carrier: 'nexogy',
      name: 'Sandbox Nexogy',
      baseUrl,
      environment: 'sandbox',
      username: credentials.username,
      clientId: credentials.clientId,
      scope: credentials.scopes.join(' '),
      secrets: { password: credentials.password, clientSecret: credentials.clientSecret },
    }),
  }
}
