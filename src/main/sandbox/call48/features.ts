/**
 * Call48 per-DID features: 411 listing (`GET /update411`), E911 (`GET /update911`), address verification
 * (`GET /verifyaddress`), fax (`POST /update_fax`), forwarding (`POST /update_forwarding`, answered in
 * the OD or the Porta shape depending on the DID, see inventory.ts) and CNAM (`POST /did/create-cnam`).
 */
import { z } from 'zod'
import type { Router, SimRequest } from '../kit/http'
import { hash32 } from '../kit/random'
import { badRequest, bare, jsonBody, notFound, ok, parseWith, queryObject, refused, tenDigits } from './envelope'
import type { OwnedDid } from './inventory'
import { apiBase, type Call48World } from './world'

const YesNo = z.enum(['yes', 'no'])
const Text = z.string().trim().min(1)

const Listing411Schema = z.object({
  number: Text,
  enabled: YesNo,
  type: z.enum(['RES', 'BIZ']).optional(),
  country: Text.optional(),
  state: Text.optional(),
  lstgn: Text.optional(),
  lstnm: Text.optional(),
  strt: Text.optional(),
  locnm: Text.optional(),
  zip: Text.optional(),
})

const AddressFields = {
  country: Text,
  state: z.string().trim().regex(/^[A-Za-z]{2}$/, 'two-letter state code'),
  name: Text,
  streetnumber: Text,
  streetname: Text,
  city: Text,
  zipcode: Text,
}
const VerifyAddressSchema = z.object({ ...AddressFields, location: z.string().optional() })
const E911Schema = z.object({ number: Text, enabled: YesNo })
/**
 * `addresstypenumber` (unit, suite) is listed as required: the parameter must be sent, but an address with
 * no unit sends it empty rather than inventing one, so an empty value is accepted.
 */
const E911AddressSchema = z.object({ ...AddressFields, addresstypenumber: z.string().trim() })

const FaxSchema = z.object({
  number: z.coerce.string().min(1),
  service: z.coerce.number().int().min(0).max(3),
  email: z.string().email().optional(),
  serial: z.coerce.string().optional(),
})

const Method = z.enum(['', 'preconfigured', 'simple', 'ip', 'trunk'])
const ForwardingSchema = z.looseObject({
  number: z.coerce.string().min(1),
  sequence: z.enum(['Order', 'Simultaneous', 'Random', '']).optional(),
  product: z.coerce.string().optional(),
  answeringmode: z.coerce.string().regex(/^[0-7]$/, 'answeringmode must be 0 to 7').optional(),
  method1: Method.optional(),
  method2: Method.optional(),
  method3: Method.optional(),
  number1: z.coerce.string().optional(),
  number2: z.coerce.string().optional(),
  number3: z.coerce.string().optional(),
  timeout1: z.coerce.string().optional(),
  timeout2: z.coerce.string().optional(),
  timeout3: z.coerce.string().optional(),
  sip1: z.string().optional(),
  sip2: z.string().optional(),
  sip3: z.string().optional(),
  sipdigits: z.coerce.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  fwd_trunk_grpid: z.coerce.number().int().optional(),
})

const CnamSchema = z.object({
  cnam_status: z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]),
  cnam_type: z.enum(['RES', 'BIZ']),
  display_name: z.string().trim().min(1).max(32),
  display_number: z.coerce.string().regex(/^\d{10,11}$/, 'display_number must be 10 or 11 digits'),
  did_id: z.coerce.number().int(),
})

/** Answering modes that forward a call, which need a first forwarding method (doc: 2, 3, 6, 7). */
const forwardingModes = new Set(['2', '3', '6', '7'])

/** A street address the Sandbox "verifies": a house number, a street and a US ZIP code. */
function addressProblem(address: { streetnumber: string; zipcode: string; country: string }): string | undefined {
  if (address.country.toUpperCase() !== 'US') return 'Only US addresses can be validated'
  if (!/^\d{5}(-\d{4})?$/.test(address.zipcode)) return `Invalid zipcode ${address.zipcode}`
  if (!/^\d+[A-Za-z]?$/.test(address.streetnumber)) return `Invalid street number ${address.streetnumber}`
  return undefined
}

export function registerFeatures(router: Router, world: Call48World): void {
  const { guard } = world.auth
  const { inventory } = world
  let nextCnamId = 6720
  let nextInvoiceId = 733

  function ownedDid(number: string): OwnedDid {
    const digits = number.replace(/\D/g, '')
    const did = inventory.find(tenDigits(digits)) ?? inventory.find(digits)
    if (!did) throw notFound(`DID ${number} not found in your account`)
    return did
  }

  const fields = (request: SimRequest): Record<string, string> => queryObject(request)

  router.add(
    'GET',
    `${apiBase}/update411`,
    guard((request) => {
      const input = parseWith(Listing411Schema, fields(request))
      const did = ownedDid(input.number)
      if (input.enabled === 'yes') {
        for (const key of ['type', 'country', 'state', 'lstgn', 'lstnm', 'strt', 'locnm', 'zip'] as const) {
          if (!input[key]) throw badRequest(`${key} is required`)
        }
      }
      inventory.overlay(did.tn).listing411 = {
        enabled: input.enabled,
        type: input.type ?? 'RES',
        country: input.country ?? 'US',
        state: input.state ?? null,
        zip: input.zip ?? null,
        lstgn: input.lstgn ?? null,
        lstnm: input.lstnm ?? null,
        business: input.type === 'BIZ' ? (input.lstnm ?? null) : null,
        locnm: input.locnm ?? null,
        strt: input.strt ?? null,
      }
      world.record('update411', { number: did.tn, enabled: input.enabled })
      return bare({ error: null, data: true, code: 200 })
    }),
  )

  router.add(
    'GET',
    `${apiBase}/update911`,
    guard((request) => {
      const query = fields(request)
      const input = parseWith(E911Schema, query)
      const did = ownedDid(input.number)
      if (input.enabled === 'no') {
        inventory.overlay(did.tn).e911 = { enabled: 'no' }
        world.record('update911', { number: did.tn, enabled: 'no' })
        return bare({ error: null, data: true, code: 200 })
      }
      const address = parseWith(E911AddressSchema, query)
      const problem = addressProblem(address)
      if (problem) throw refused(`Address could not be validated: ${problem}`)
      inventory.overlay(did.tn).e911 = {
        enabled: 'yes',
        country: address.country,
        state: address.state.toUpperCase(),
        zipcode: address.zipcode,
        businessname: address.name,
        address: address.addresstypenumber,
        streetname: address.streetname,
        streetnumber: address.streetnumber,
      }
      world.record('update911', { number: did.tn, enabled: 'yes', state: address.state.toUpperCase(), zipcode: address.zipcode })
      // The success answer carries the E911 record id as a string, not `true` (doc sample).
      return bare({ error: null, data: String(20_000_000 + (hash32(world.context.seed, Number(did.tn.slice(-8))) % 9_999_999)), code: 200 })
    }),
  )

  router.add(
    'GET',
    `${apiBase}/verifyaddress`,
    guard((request) => {
      const address = parseWith(VerifyAddressSchema, fields(request))
      const problem = addressProblem(address)
      if (problem) throw refused(`Address could not be validated: ${problem}`)
      return bare({ error: null, data: true, code: 200 })
    }),
  )

  router.add(
    'POST',
    `${apiBase}/update_fax`,
    guard((request) => {
      const input = parseWith(FaxSchema, jsonBody(request))
      const did = ownedDid(input.number)
      if (input.service !== 0 && !input.email) throw badRequest('email is required')
      if (input.service === 3 && !input.serial) throw badRequest('serial is required for Fax ATA (service 3)')
      const guid = String(1_000_000 + (hash32(world.context.seed, Number(did.tn.slice(-7)), input.service) % 8_999_999))
      inventory.overlay(did.tn).fax = {
        servive: String(input.service),
        email: input.email ?? null,
        serial: input.service === 3 ? (input.serial ?? null) : null,
        guid: input.service === 0 ? null : guid,
      }
      world.record('update-fax', { number: did.tn, service: input.service })
      // The doc's fax sample is `{error, data}` only.
      return bare({ error: null, data: guid })
    }),
  )

  router.add(
    'POST',
    `${apiBase}/update_forwarding`,
    guard((request) => {
      const input = parseWith(ForwardingSchema, jsonBody(request))
      const did = ownedDid(input.number)
      for (const slot of [1, 2, 3] as const) {
        const method = input[`method${slot}`]
        if (method === 'simple' && !/^\d{10,15}$/.test((input[`number${slot}`] ?? '').replace(/\D/g, ''))) {
          throw badRequest(`number${slot} is required when method${slot} is simple`)
        }
        if (method === 'ip' && !input[`sip${slot}`]) throw badRequest(`sip${slot} is required when method${slot} is ip`)
        if (method === 'trunk' && (!input.username || !input.password)) {
          throw badRequest(`username and password are required when method${slot} is trunk`)
        }
        const timeout = input[`timeout${slot}`]
        if (method && method !== 'preconfigured' && timeout !== undefined && timeout !== '' && !/^\d{1,3}$/.test(timeout)) {
          throw badRequest(`timeout${slot} must be a number of seconds`)
        }
      }
      const od = did.platform === 'od'
      if (input.answeringmode && forwardingModes.has(input.answeringmode) && !input.method1 && !(od && input.fwd_trunk_grpid !== undefined)) {
        throw badRequest('method1 is required for a forwarding answering mode')
      }
      if (od && input.fwd_trunk_grpid !== undefined && !world.trunkGroupExists(input.fwd_trunk_grpid)) {
        throw refused(`Trunk group ${input.fwd_trunk_grpid} not found`)
      }
      const { number: _number, username, ...settings } = input
      const forwarding: Record<string, unknown> = { ...inventory.peekOverlay(did.tn)?.forwarding }
      for (const [key, value] of Object.entries(settings)) {
        if (value === undefined) continue
        if (key === 'fwd_trunk_grpid' && !od) continue
        forwarding[key] = key === 'answeringmode' ? Number(value) : value
      }
      if (username !== undefined) forwarding.username = username
      inventory.overlay(did.tn).forwarding = forwarding
      world.record('update-forwarding', {
        number: did.tn,
        platform: did.platform,
        answeringmode: input.answeringmode ?? null,
        fwd_trunk_grpid: od ? (input.fwd_trunk_grpid ?? null) : null,
      })
      if (od) return bare({ error: null, data: [{ description: 'Routing request completed' }], code: 200 })
      return bare({
        error: null,
        data: { login: `1${did.tn}`, i_product: input.product ?? String(did.portaPRID), i_account: did.portaAID },
        code: 200,
      })
    }),
  )

  router.add(
    'POST',
    `${apiBase}/did/create-cnam`,
    guard((request) => {
      const input = parseWith(CnamSchema, jsonBody(request))
      const did = inventory.findById(input.did_id)
      if (!did) throw notFound(`DID id ${input.did_id} not found`)
      const stamp = new Date(world.context.clock.now()).toISOString()
      nextCnamId += 1
      nextInvoiceId += 1
      inventory.overlay(did.tn).cnam = {
        lookup: input.cnam_status ? 'yes' : 'no',
        displayName: input.display_name,
        displayNumber: input.display_number,
        type: input.cnam_type,
      }
      world.record('create-cnam', { number: did.tn, did_id: did.id, cnam_status: input.cnam_status, display_name: input.display_name })
      return ok({
        did_cnam_id: String(nextCnamId),
        did_id: String(did.id),
        cnam_status: input.cnam_status,
        cnam_type: input.cnam_type,
        display_name: input.display_name,
        display_number: input.display_number,
        is_billed: true,
        invoice_id: nextInvoiceId,
        is_active: input.cnam_status,
        created_at: stamp,
        updated_at: stamp,
      })
    }),
  )
}
