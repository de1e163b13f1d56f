/**
 * Zod schemas of the Nexogy DNA API's answers (carrier-docs/nexogy-dna-api.md), tolerant of the variants the
 * carrier-docs README lists for Nexogy and strict about what matters: ids, domains, numbers and states.
 */
import { z } from 'zod'

/** Ten-digit NANP number as Nexogy writes it (the doc's DID search answers it as a JSON number). */
export const nanpDigitsPattern = /^[2-9]\d{2}[2-9]\d{6}$/

/** Unix seconds; the doc shows numbers, a PHP service may send them as strings. */
const UnixSeconds = z.coerce.number().int().nonnegative()

/**
 * The token answer. The doc shows it wrapped in a JSON array; accept the bare object too
 * (carrier-docs README, Nexogy). `expires_in` is 1200 in the doc, but the answer says what holds.
 */
const TokenObject = z.object({
  token_type: z.string().refine((type) => type.toLowerCase() === 'bearer', 'token_type must be Bearer'),
  expires_in: z.coerce.number().int().positive(),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
})
export const TokenAnswerSchema = z.union([TokenObject, z.array(TokenObject).length(1).transform((items) => items[0] as z.output<typeof TokenObject>)])
export type TokenAnswer = z.output<typeof TokenObject>

/** `{"result":"ERROR","code","message","errors"}` of the service, or the OAuth error shape of `/oauth/token`. */
export const ErrorBodySchema = z.looseObject({
  result: z.string().optional(),
  code: z.union([z.number(), z.string()]).optional(),
  message: z.string().optional(),
  errors: z.record(z.string(), z.union([z.array(z.string()), z.string()])).optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
  hint: z.string().optional(),
})
export type ErrorBody = z.output<typeof ErrorBodySchema>

/** "Create a Client": `data.client` (the doc) or `client` at the top level (the early draft; unwrapped before). */
export const CreatedClientSchema = z.object({
  client: z.object({
    id: z.coerce.number().int().positive(),
    ns_domain: z.string().min(3).transform((domain) => domain.toLowerCase()),
  }),
})

/** Activate, suspend, cancel and update answer only the time of the change. */
export const TimestampSchema = z.object({ timestamp: UnixSeconds })

/** "Get Status": the doc says a domain is `locked` or `active`; anything else is not understood. */
export const DomainStatusSchema = z.object({
  status: z.string().transform((status) => status.toLowerCase()).pipe(z.enum(['active', 'locked'])),
  timestamp: UnixSeconds.optional(),
})

const RegistrationServer = z.object({
  address: z.string().min(1),
  port: z.coerce.number().int().min(1).max(65_535),
})

/**
 * The device answer. `regservers` is an object keyed `server1`, `server2`, ... in the doc; a list is read too.
 * `authentication_key` is the gpg-encrypted, base64 SIP password: callers must treat it as a secret.
 */
export const DeviceSchema = z.object({
  subscriber_name: z.coerce.string().regex(/^\d{2,8}$/, 'subscriber_name must be an extension number'),
  aor: z.string().min(1),
  domain: z.string().min(3).transform((domain) => domain.toLowerCase()),
  authentication_key: z.string().min(1),
  regservers: z.union([z.record(z.string(), RegistrationServer), z.array(RegistrationServer)]),
  timestamp: UnixSeconds.optional(),
})

const TnSchema = z.object({
  number: z.union([z.number(), z.string()]).transform((number) => String(number).trim()).pipe(z.string().regex(nanpDigitsPattern, 'number must be a 10-digit NANP number')),
  category: z.string().optional(),
})

/** One item or a list: the DID search answer comes from an XML-shaped upstream (one `tn` is not a list). */
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([z.array(item), item.transform((single) => [single])])

export const DidSearchSchema = z.object({
  return: z.object({
    npas: z
      .object({ npa: z.union([z.array(z.coerce.string()), z.coerce.string()]) })
      .transform(({ npa }) => (Array.isArray(npa) ? npa : [npa]))
      .optional(),
    quantity: z.coerce.number().int().nonnegative().optional(),
    consecutive: z.coerce.number().int().optional(),
    // An empty search may come as `result: {}`, `result: {tn: []}`, `result: []` or `result: null`.
    result: z
      .union([z.object({ tn: oneOrMany(TnSchema).optional() }), z.array(z.never()), z.null()])
      .optional()
      .transform((result) => (result && !Array.isArray(result) ? (result.tn ?? []) : [])),
    tnCount: z.coerce.number().int().nonnegative().optional(),
  }),
})
