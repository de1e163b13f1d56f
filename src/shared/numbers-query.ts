/**
 * The Numbers screen's query: filters, a search text, a sort and a page. One schema checks it wherever it
 * enters the main process (IPC, CLI), and the store turns it into SQL.
 */
import { z } from 'zod'
import { CarrierIdSchema } from './domain'

/**
 * The columns of the Numbers table, as the grid, the column chooser, saved views and the CSV export name
 * them, each with the sort column it orders by (only the number's differs: it sorts by its E.164 text).
 */
const sortColumnOf = {
  number: 'e164',
  carrier: 'carrier',
  account: 'account',
  type: 'type',
  status: 'status',
  state: 'state',
  rateCenter: 'rateCenter',
  trunk: 'trunk',
  cnam: 'cnam',
  e911: 'e911',
  group: 'group',
  failover: 'failover',
  monthlyCost: 'monthlyCost',
  tags: 'tags',
  asOf: 'asOf',
} as const
export type NumberColumn = keyof typeof sortColumnOf
export type NumberSortColumn = (typeof sortColumnOf)[NumberColumn]
export const numberColumns = Object.keys(sortColumnOf) as [NumberColumn, ...NumberColumn[]]
export const numberSortColumns = Object.values(sortColumnOf) as [NumberSortColumn, ...NumberSortColumn[]]
export const sortColumnOfNumberColumn = (column: NumberColumn): NumberSortColumn => sortColumnOf[column]

/** Distinct cached values for the Numbers screen's filter pickers. */
export interface NumberFacets {
  states: string[]
  rateCenters: string[]
  trunks: string[]
  tags: string[]
  /** Number groups by name (VoIP Innovations DID groups). */
  groups: string[]
}

const Short = z.string().trim().min(1).max(100)

export const NumberFiltersSchema = z
  .object({
    carriers: z.array(CarrierIdSchema).max(10).optional(),
    accountIds: z.array(z.string().min(1).max(64)).max(100).optional(),
    statuses: z
      .array(z.enum(['active', 'reserved', 'pending', 'suspended', 'porting', 'released', 'unknown']))
      .max(10)
      .optional(),
    types: z.array(z.enum(['local', 'toll-free', 'international'])).max(3).optional(),
    states: z.array(z.string().trim().length(2).toUpperCase()).max(60).optional(),
    rateCenter: Short.optional(),
    trunk: Short.optional(),
    /** A number group by name (a VoIP Innovations DID group). */
    group: Short.optional(),
    hasE911: z.boolean().optional(),
    hasCnam: z.boolean().optional(),
    tag: Short.optional(),
    /** Numbers the carrier stopped listing (marked gone) are shown unless this is false. */
    includeGone: z.boolean().optional(),
  })
  .strict()
export type NumberFilters = z.infer<typeof NumberFiltersSchema>

export const NumbersQuerySchema = z
  .object({
    filters: NumberFiltersSchema.default({}),
    search: z.string().trim().max(200).optional(),
    sort: z
      .object({ column: z.enum(numberSortColumns), direction: z.enum(['asc', 'desc']) })
      .strict()
      .default({ column: 'e164', direction: 'asc' }),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict()
export type NumbersQuery = z.output<typeof NumbersQuerySchema>
export type NumbersQueryInput = z.input<typeof NumbersQuerySchema>
