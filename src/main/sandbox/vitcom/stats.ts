/**
 * Traffic statistics (processed / completed calls, ACD, ASR, minutes of use, peak sessions) for DIDs,
 * trunk groups and months. They are derived in constant time from the seed and the configured call
 * volume rather than summed over the CDR files, which can hold millions of rows; they agree with the
 * files in scale (calls per day, about 76% of origination calls answered and a quarter fewer of
 * termination calls, congested trunks answering 30% fewer, calls of about two minutes), not to the call.
 */
import { dayMs, dayStartOf } from '../kit/calls'
import { unit } from '../kit/random'
import type { SimulatorContext } from '../kit/simulator'

/** Trunk groups whose calls are congested (fewer answered, more "no circuit available" and "busy"). */
export const congestedTrunks: ReadonlySet<string> = new Set(['TG101', 'TG501'])

export interface StatsRow {
  accountno: string
  number: string
  processed: string
  completed: string
  acd: string
  asr: string
  mou: string
  peak: string
}

/**
 * How ACD is written. The doc shows it as "XXXX" (four digits: seconds, not minutes); portals also print
 * it as a clock, so the origination reports answer seconds ("117") and the termination ones "0:01:57",
 * and a client must read both.
 */
export type AcdFormat = 'seconds' | 'clock'

const clockOf = (seconds: number): string =>
  `${Math.floor(seconds / 3600)}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}:${String(Math.round(seconds % 60)).padStart(2, '0')}`

/**
 * Deterministic traffic for `expectedCalls` calls spread over `days` days; `key` varies the jitter and
 * `answerFactor` scales the answered share (termination, congested trunks). With no calls (a trunk made
 * today) ASR and ACD are blank, as a portal leaves a ratio of nothing, and the counts are 0.
 */
export function trafficRow(
  accountno: string,
  number: string,
  seed: number,
  key: number,
  expectedCalls: number,
  days: number,
  answerFactor = 1,
  acdFormat: AcdFormat = 'seconds',
): StatsRow {
  const processed = Math.max(0, Math.round(expectedCalls * (0.9 + unit(seed, key, 1) * 0.2)))
  const completed = Math.round(processed * (0.72 + unit(seed, key, 2) * 0.08) * answerFactor)
  const acdSeconds = Math.round(105 + unit(seed, key, 3) * 30)
  const busiestHourCalls = processed / Math.max(1, days) / 24 * 2.5
  return {
    accountno,
    number,
    processed: String(processed),
    completed: String(completed),
    // ASR as a percentage, MOU in whole minutes: the units wholesale portals show.
    acd: completed === 0 ? '' : acdFormat === 'seconds' ? String(acdSeconds) : clockOf(acdSeconds),
    asr: processed === 0 ? '' : `${Math.round((completed / processed) * 100)}%`,
    mou: String(Math.round((completed * acdSeconds) / 60)),
    peak: String(processed === 0 ? 0 : Math.max(1, Math.ceil((busiestHourCalls * acdSeconds) / 3600))),
  }
}

/** The call-history window: `historyDays` whole days ending yesterday (UTC). */
export function historyWindow(context: SimulatorContext): { first: number; end: number } {
  const end = dayStartOf(context.clock.now())
  return { first: end - context.historyDays * dayMs, end }
}

/** Monthly rows (one per month of `year`, or just `month`) for the months that overlap the history. */
export function monthlyRows(
  context: SimulatorContext,
  accountno: string,
  year: number,
  month: number | undefined,
  key: number,
  acdFormat: AcdFormat = 'seconds',
): (StatsRow & { month: string })[] {
  const { first, end } = historyWindow(context)
  const rows: (StatsRow & { month: string })[] = []
  for (let m = month ?? 1; m <= (month ?? 12); m += 1) {
    const monthStart = Date.UTC(year, m - 1, 1)
    const monthEnd = Date.UTC(year, m, 1)
    const overlapDays = Math.max(0, Math.min(end, monthEnd) - Math.max(first, monthStart)) / dayMs
    if (overlapDays <= 0) continue
    const row = trafficRow(accountno, 'ALL', context.seed, key * 10_000 + year * 12 + m, context.callsPerDay * overlapDays, overlapDays, 1, acdFormat)
    // The doc's month format is "2015-02-1": year, zero-padded month, unpadded day.
    rows.push({ ...row, month: `${year}-${String(m).padStart(2, '0')}-1` })
  }
  return rows
}
