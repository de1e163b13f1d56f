/**
 * The CDR screen's query: a date range (a preset or custom days, in this computer's zone) and the filters,
 * turned into the core's range (shared/cdrs.ts). Kept in a store so the table, the KPIs and the export read
 * the same range.
 */
import { create } from 'zustand'
import type { CdrDirection, CdrDisposition, CdrFilters, CdrRange } from '../../../../shared/cdrs'
import { zonedTime } from '../../../../shared/zoned-time'

export const rangePresets = [
  { value: 'hour', label: 'Last hour' },
  { value: 'today', label: 'Today' },
  { value: 'yesterday', label: 'Yesterday' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: 'custom', label: 'Custom' },
] as const
export type RangePreset = (typeof rangePresets)[number]['value']

export const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone

export interface CdrQueryForm {
  preset: RangePreset
  /** Custom days, YYYY-MM-DD, both included. */
  fromDay: string
  toDay: string
  accountId?: string | undefined
  carrier?: string | undefined
  direction?: CdrDirection | undefined
  dispositions: CdrDisposition[]
  ourNumber: string
  otherParty: string
  trunk: string
  minDuration: string
}

const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/** The range a form asks for at `now`, or what is wrong with it. */
export function rangeOf(form: CdrQueryForm, now: number, zone = localZone()): { range: CdrRange } | { problem: string } {
  const time = zonedTime(zone)
  const today = time.dayLabel(now)
  let from: number
  let to: number
  switch (form.preset) {
    case 'hour':
      from = now - 3_600_000
      to = now + 1
      break
    case 'today':
      from = time.startOfDay(today)
      to = time.startOfDay(addDays(today, 1))
      break
    case 'yesterday':
      from = time.startOfDay(addDays(today, -1))
      to = time.startOfDay(today)
      break
    case '7d':
      from = time.startOfDay(addDays(today, -6))
      to = time.startOfDay(addDays(today, 1))
      break
    case '30d':
      from = time.startOfDay(addDays(today, -29))
      to = time.startOfDay(addDays(today, 1))
      break
    case 'custom': {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(form.fromDay) || !/^\d{4}-\d{2}-\d{2}$/.test(form.toDay)) return { problem: 'Pick both days of the custom range' }
      if (form.toDay < form.fromDay) return { problem: 'The range ends before it starts' }
      from = time.startOfDay(form.fromDay)
      to = time.startOfDay(addDays(form.toDay, 1))
    }
  }
  const filters: CdrFilters = {}
  if (form.accountId) filters.accountIds = [form.accountId]
  if (form.carrier) filters.carriers = [form.carrier]
  if (form.direction) filters.direction = form.direction
  if (form.dispositions.length > 0) filters.dispositions = form.dispositions
  const ourNumber = form.ourNumber.trim()
  if (ourNumber) {
    const digits = ourNumber.replace(/\D/g, '')
    const e164 = digits.length === 10 ? `+1${digits}` : `+${digits}`
    if (!/^\+[1-9]\d{6,14}$/.test(e164)) return { problem: 'Our number: an E.164 number such as +13055550100' }
    filters.ourNumber = e164
  }
  const other = form.otherParty.replace(/\D/g, '')
  if (form.otherParty.trim()) {
    if (other.length < 3) return { problem: 'Other party: at least three digits' }
    filters.otherParty = other
  }
  if (form.trunk.trim()) filters.trunk = form.trunk.trim()
  if (form.minDuration.trim()) {
    const seconds = Number(form.minDuration)
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > 86_400) return { problem: 'Minimum duration: whole seconds from 0 to 86400' }
    filters.minDurationSeconds = seconds
  }
  return { range: { from, to, filters } }
}

interface CdrQueryState {
  form: CdrQueryForm
  /** The moment presets are measured from; Refresh moves it to now. */
  now: number
  /** Goes up on Refresh and after a fetch or prune, so every view of the range reads again. */
  version: number
  set(change: Partial<CdrQueryForm>): void
  refresh(): void
  reset(): void
}

const initialForm = (): CdrQueryForm => {
  const today = zonedTime(localZone()).dayLabel(Date.now())
  return { preset: '7d', fromDay: addDays(today, -6), toDay: today, dispositions: [], ourNumber: '', otherParty: '', trunk: '', minDuration: '' }
}

export const useCdrQueryStore = create<CdrQueryState>()((set) => ({
  form: initialForm(),
  now: Date.now(),
  version: 0,
  set: (change) => set((state) => ({ form: { ...state.form, ...change }, now: Date.now() })),
  refresh: () => set((state) => ({ now: Date.now(), version: state.version + 1 })),
  reset: () => set({ form: initialForm(), now: Date.now() }),
}))
