/**
 * The Vitcom / TelecomCloud simulator: form POSTs to `/api/did/<endpoint>` with `token` + `accountno` in
 * every body, string statuses, `{"status":"404","error":"Invalid {parameter}"}` errors, and downloads
 * (CDR CSVs, invoice PDFs, port documents, trunk sheets) served from the same origin. Each area of the
 * API lives in its own file; this one wires them together and describes the seeded account.
 */
import { Router, type SimRequest } from '../kit/http'
import type { SimulatorFactory } from '../kit/simulator'
import { registerBillingRoutes } from './billing'
import { registerCdrRoutes } from './cdr-files'
import { createVitcomEnv, vitcomCarrier } from './endpoint'
import { vitcomBasePath, vitcomError } from './forms'
import { registerLnpRoutes } from './lnp'
import { registerOrderRoutes } from './orders'
import { registerOriginationRoutes } from './origination'
import { createVitcomState } from './state'
import { registerTerminationRoutes } from './termination'

/** The operation name scripted faults match: the endpoint name, or the kind of download. */
export function vitcomOperationOf(request: SimRequest): string {
  if (request.path.startsWith(`${vitcomBasePath}/`)) return request.path.slice(vitcomBasePath.length + 1).replace(/\/$/, '')
  if (request.path.startsWith('/uploads/cdr/')) return 'download_cdr'
  if (request.path.startsWith('/downloads/invoices/')) return 'download_invoice'
  if (request.path.startsWith('/uploads/portin/')) return 'download_lnp_document'
  if (request.path.startsWith('/ajax/settings_pdf/')) return 'download_trunk_settings'
  return request.path
}

export const createVitcomSimulator: SimulatorFactory = (context) => {
  const state = createVitcomState(context)
  const env = createVitcomEnv(context, state)
  const router = new Router()
  // LNP first: its clock-driven settling must run before any handler reads numbers or orders.
  registerLnpRoutes(router, env)
  registerOriginationRoutes(router, env)
  registerOrderRoutes(router, env)
  registerTerminationRoutes(router, env)
  registerCdrRoutes(router, env)
  registerBillingRoutes(router, env)
  return {
    basePath: vitcomBasePath,
    definition: {
      name: vitcomCarrier,
      router,
      renderError: vitcomError,
      operationOf: vitcomOperationOf,
    },
    account: (baseUrl) => ({
      carrier: 'vitcom',
      name: 'Sandbox Vitcom',
      baseUrl,
      environment: 'sandbox',
      accountNo: state.accountNo,
      secrets: { token: state.token },
    }),
  }
}
