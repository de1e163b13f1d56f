/**
 * The Call48 API v4 simulator: every endpoint of call48-api-v4.txt under `/api/v4`, over a lazily derived
 * inventory and call history, with JWT login, Call48-shaped errors and a ledger of accepted mutations.
 * Route modules: auth, dids (search/purchase/list/remove), bulk, features, trunks, resources, customers,
 * xdrs and port-in.
 */
import { Router, type SimRequest } from '../kit/http'
import type { SimulatorFactory } from '../kit/simulator'
import { createCall48Auth } from './auth'
import { registerBulk } from './bulk'
import { registerCustomers } from './customers'
import { registerDids } from './dids'
import { renderCall48Error } from './envelope'
import { registerFeatures } from './features'
import { Call48Inventory } from './inventory'
import { registerPortIn } from './port-in'
import { registerResources } from './resources'
import { createTrunkStore, registerTrunks } from './trunks'
import { apiBase, carrierName, createWorld } from './world'
import { registerXdrs } from './xdrs'

/** Operation names for scripted faults (`match`) and logs, by `METHOD path` below `/api/v4`. */
const operations: Record<string, string> = {
  'POST /login': 'login',
  'POST /admin_login': 'admin-login',
  'GET /search': 'search',
  'POST /purchase': 'purchase',
  'POST /lcl-did-bulk-purchase/new': 'bulk-order',
  'GET /lcl-did-bulk-purchase/list': 'bulk-order-list',
  'GET /dids': 'list-dids',
  'DELETE /dids': 'remove-dids',
  'GET /update411': 'update411',
  'GET /update911': 'update911',
  'POST /update_fax': 'update-fax',
  'POST /update_forwarding': 'update-forwarding',
  'POST /did/create-cnam': 'create-cnam',
  'POST /trunkgrp/create': 'trunk-create',
  'PUT /trunkgrp/update': 'trunk-update',
  'GET /trunkgrp/list': 'trunk-list',
  'GET /trunkgrp': 'trunk-list',
  'GET /countries': 'countries',
  'GET /states': 'states',
  'GET /ratecenter': 'ratecenters',
  'GET /verifyaddress': 'verify-address',
  'POST /signup': 'signup',
  'GET /payment': 'payment',
  'GET /customers': 'customers',
  'PUT /customers': 'customer-create',
  'PUT /limitsimulcalls': 'limit-simultaneous-calls',
  'POST /callparking': 'call-parking',
  'GET /discountplan': 'discount-plans',
  'POST /discountplan': 'discount-plan-add',
  'POST /rtp': 'rtp',
  'POST /paging': 'paging',
  'GET /subscriptions': 'subscriptions',
  'GET /xdr': 'xdr',
}

export function call48OperationOf(request: SimRequest): string {
  const path = request.path.replace(/\/+$/, '')
  const below = path.startsWith(apiBase) ? path.slice(apiBase.length) : path
  const known = operations[`${request.method.toUpperCase()} ${below}`]
  if (known) return known
  if (below.startsWith('/lcl-did-bulk-purchase/summary_report/')) return 'bulk-summary-report'
  if (below.startsWith('/lcl-did-bulk-purchase/did_report/')) return 'bulk-did-report'
  // `/port-in/activate-order` -> `port-activate-order`.
  if (below.startsWith('/port-in/')) return `port-${below.slice('/port-in/'.length)}`
  return request.path
}

export const createCall48Simulator: SimulatorFactory = (context) => {
  const router = new Router()
  const auth = createCall48Auth(context)
  const inventory = new Call48Inventory(context.seed, context.ownedNumbers, context.ownedNumbersByCarrier?.vitcom)
  const trunks = createTrunkStore(context.seed, context.clock.now())
  const world = createWorld({ context, auth, inventory, trunkGroupExists: (id) => trunks.exists(id) })

  auth.register(router)
  registerDids(router, world)
  registerBulk(router, world)
  registerFeatures(router, world)
  registerTrunks(router, world, trunks)
  registerResources(router, world)
  registerCustomers(router, world)
  registerXdrs(router, world)
  registerPortIn(router, world)

  return {
    basePath: apiBase,
    definition: {
      name: carrierName,
      router,
      renderError: renderCall48Error,
      operationOf: call48OperationOf,
    },
    account: (baseUrl) => ({
      carrier: 'call48',
      name: 'Sandbox Call48',
      baseUrl,
      environment: 'sandbox',
      username: auth.seededUser.userName,
      secrets: { password: auth.seededUser.password },
    }),
  }
}
