/**
 * zod schemas of the VoIP Innovations answers, by the WSDL's types (DIDResponse, PortResponse,
 * CNAMResponse, Response911, IntlResponse, FaxToEmailResponse, NumericResponse) as XMLParser hands them
 * over: every leaf is text, an empty or xsi:nil element is '', a list with one item is still an array
 * (soap.ts `listItems`), an empty list is ''.
 *
 * Tolerant of what the captures and the README show (optional elements missing, `<tier/>` empty in a
 * release answer, DIDLocator without `sms` in get_dids.xml, DIDGroups/ConferenceLine present or not);
 * strict about what matters: numbers are ten digits, codes and ids are integers, flags are booleans.
 */
import { z } from 'zod'

/** '' (empty element or xsi:nil) → undefined, anything else kept. */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value))

const integer = z
  .string()
  .regex(/^-?\d+$/, 'expected an integer')
  .transform((value) => Number.parseInt(value, 10))

const optionalInteger = z
  .union([z.literal(''), z.string().regex(/^-?\d+$/, 'expected an integer')])
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : Number.parseInt(value, 10)))

/** .NET writes booleans as true/false; '1'/'0' accepted as the doc's request flags use them. */
const flag = z
  .enum(['true', 'false', 'True', 'False', '1', '0'])
  .transform((value) => value === 'true' || value === 'True' || value === '1')

const optionalFlag = z
  .union([z.literal(''), flag])
  .optional()
  .transform((value) => (value === '' ? undefined : value))

/** A telephone number as VI writes it: ten digits (eleven with a leading 1 tolerated), or '' in dummy records. */
const tnOrEmpty = z.string().regex(/^(1?\d{10})?$/, 'expected a ten-digit telephone number')
const tn = z.string().regex(/^1?\d{10}$/, 'expected a ten-digit telephone number')

/** A list element: '' when empty, else `{ Item: [...] }`; normalised to the array. */
function list<T extends z.ZodType>(itemName: string, item: T) {
  return z
    .union([z.literal(''), z.object({ [itemName]: z.array(item) })])
    .optional()
    .transform((value): z.output<T>[] => (value === undefined || value === '' ? [] : (value[itemName] as z.output<T>[])))
}

/** A DID of a DIDResponse (query_did.xml, assign_did.xml, audit_dids.xml...). */
export const DidSchema = z.looseObject({
  tn: tnOrEmpty,
  availability: optionalText,
  rewrite: optionalText,
  status: z.string().default(''),
  /** Per-number outcome: 100 = success, else a six-digit code (README error codes). */
  statusCode: integer,
  tier: optionalText,
  refId: optionalText,
  failover: optionalText,
  forward: optionalText,
  cnamName: optionalText,
  state: optionalText,
  rateCenter: optionalText,
  didGroupId: optionalText,
  Network: optionalText,
  /** The endpoint group (epg) the number routes to; 0 in batch answers (the captures show it so). */
  endpointId: integer,
  expireDate: optionalText,
  has411: flag,
  has911: flag,
  cnam: flag,
  cnamStorageActive: flag,
  cnamStorageAvailability: flag,
  t38: flag,
})
export type ViDid = z.output<typeof DidSchema>

export const DidLocatorSchema = z.looseObject({
  tn,
  rateCenter: z.string(),
  state: z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter state'),
  tier: z.string(),
  lataId: integer,
  outboundCNAM: flag,
  t38: flag,
  /** Required by the WSDL, absent from the older capture get_dids.xml. */
  sms: optionalFlag,
})
export type ViDidLocator = z.output<typeof DidLocatorSchema>

export const DidCountSchema = z.looseObject({
  didCount: integer,
  rateCenter: z.string(),
  state: z.string(),
  tier: z.string(),
  lataId: integer,
  cnam: flag,
  t38: flag,
  sms: optionalFlag,
})
export type ViDidCount = z.output<typeof DidCountSchema>

export const DidGroupSchema = z.looseObject({ Name: optionalText, ID: integer })
export type ViDidGroup = z.output<typeof DidGroupSchema>

export const DidResponseSchema = z.looseObject({
  responseCode: integer,
  responseMessage: optionalText,
  DIDs: list('DID', DidSchema),
  DIDLocators: list('DIDLocator', DidLocatorSchema),
  DIDCounts: list('DIDCount', DidCountSchema),
  DIDGroups: list('DIDGroup', DidGroupSchema),
  ConferenceLine: z.union([z.literal(''), z.looseObject({ Enabled: flag, PIN: optionalText })]).optional(),
})
export type ViDidResponse = z.output<typeof DidResponseSchema>

/** Only the envelope fields, for answers whose body is validated elsewhere (streamed audits). */
export const ResponseHeadSchema = z.looseObject({ responseCode: integer, responseMessage: optionalText })

export const PortDidSchema = z.looseObject({
  tn,
  tier: optionalText,
  rateCenter: optionalText,
  state: optionalText,
  lata: optionalText,
  endpointGroup: integer,
  cnam: flag,
  e911: flag,
})
export type ViPortDid = z.output<typeof PortDidSchema>

export const PortDetailSchema = z.looseObject({
  id: integer,
  status: optionalText,
  endUser: optionalText,
  billingTN: optionalText,
  portingFrom: optionalText,
  salesRep: optionalText,
  submittedDate: optionalText,
  focDate: optionalText,
  requestedFocDate: optionalText,
  dids: list('PortDID', PortDidSchema),
  defaultEndpointGroup: optionalInteger,
})
export type ViPortDetail = z.output<typeof PortDetailSchema>

export const PortResponseSchema = z.looseObject({
  responseCode: integer,
  responseMessage: optionalText,
  PortDetails: z.union([z.literal(''), PortDetailSchema]).optional().transform((value) => (value === '' ? undefined : value)),
  IsPortable: flag,
})
export type ViPortResponse = z.output<typeof PortResponseSchema>

export const CnamResponseSchema = z.looseObject({
  responseCode: integer,
  responseMessage: optionalText,
  DisplayName: z.string().optional(),
})
export type ViCnamResponse = z.output<typeof CnamResponseSchema>

export const Status911Schema = z.looseObject({ code: z.string(), description: z.string().default('') })
export type ViStatus911 = z.output<typeof Status911Schema>

export const Did911Schema = z.looseObject({
  locationId: optionalText,
  tn,
  callerName: optionalText,
  address1: optionalText,
  address2: optionalText,
  city: optionalText,
  state: optionalText,
  zipCode: optionalText,
  latitude: optionalText,
  longitude: optionalText,
  statusCode: optionalText,
  statusDescription: optionalText,
  activatedTime: optionalText,
  dateAdded: optionalText,
})
export type ViDid911 = z.output<typeof Did911Schema>

/** A VILocation; get_locations.xml shows an all-empty one carrying only a statusCode (206200, not found). */
export const ViLocationSchema = z.looseObject({
  locationId: optionalText,
  address1: optionalText,
  address2: optionalText,
  city: optionalText,
  state: optionalText,
  zipCode: optionalText,
  plusFour: optionalText,
  callerName: optionalText,
  latitude: optionalText,
  longitude: optionalText,
  statusCode: optionalText,
  statusDescription: optionalText,
  orderId: optionalText,
  activatedTime: optionalText,
  updateTime: optionalText,
})
export type ViLocation = z.output<typeof ViLocationSchema>

export const Response911Schema = z.looseObject({
  responseCode: integer,
  responseMessage: optionalText,
  Statuses: list('Status911', Status911Schema),
  DID911s: list('DID911', Did911Schema),
  VILocations: list('VILocation', ViLocationSchema),
  Alerts: list('string', z.string()),
})
export type ViResponse911 = z.output<typeof Response911Schema>

export const IntlCitySchema = z.looseObject({ name: optionalText, id: integer })

export const IntlCountrySchema = z.looseObject({
  name: optionalText,
  abbrev: optionalText,
  cities: list('City', IntlCitySchema),
})
export type ViIntlCountry = z.output<typeof IntlCountrySchema>

/** An IntlDID: the number with its country code, no '+'. */
export const IntlDidSchema = z.looseObject({
  tn: z.string().regex(/^\d{6,15}$/, 'expected an international number of 6 to 15 digits'),
  country: optionalText,
  city: optionalText,
  tier: optionalText,
  status: optionalText,
})
export type ViIntlDid = z.output<typeof IntlDidSchema>

/**
 * An IntlResponse (GetCountries, AuditIntlDIDs, AssignIntlDID, ReleaseIntlDID). Its single `DID` comes
 * back as a one-item array, since `DID` is a list item in the DIDResponse (soap.ts `listItems`).
 */
export const IntlResponseSchema = z.looseObject({
  responseCode: integer,
  responseMessage: optionalText,
  Countries: list('Country', IntlCountrySchema),
  DIDs: list('IntlDID', IntlDidSchema),
  DID: z
    .array(z.union([z.literal(''), IntlDidSchema]))
    .max(1)
    .optional()
    .transform((value): ViIntlDid[] => (value ?? []).filter((did): did is ViIntlDid => did !== '')),
})
export type ViIntlResponse = z.output<typeof IntlResponseSchema>

export const FaxToEmailResponseSchema = z.looseObject({
  responseCode: integer,
  responseMessage: optionalText,
  Email: z.string().optional(),
})

/** A NumericResponse (GetPrepaidBalance): Amount is an xs:decimal, kept as text. */
export const NumericResponseSchema = z.looseObject({
  responseCode: integer,
  responseMessage: optionalText,
  Amount: z
    .string()
    .trim()
    .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, 'expected a decimal amount'),
})
