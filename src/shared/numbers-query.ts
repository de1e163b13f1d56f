/**
 * The Numbers screen's query: filters, a search text, a sort and a page. One schema checks it wherever it
 * enters the main process (IPC, CLI), and the store turns it into SQL.
 */
import { z } from 'zod'
import { CarrierIdSchema } from './domain'

export const numberSortColumns = [
  'e164',
  'carrier',
  'account',
  'type',
  'status',
  'state',
  'rateCenter',
  'trunk',
  'cnam',
  'e911',
  'monthlyCost',
  'tags',
  'asOf',
] as const
export type NumberSortColumn = (typeof numberSortColumns)[number]

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
