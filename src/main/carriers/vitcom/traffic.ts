/**
 * Vitcom's traffic reports in domain terms: tg_stats / tg_stats_termination per trunk group (the carrier's
 * running totals, period "overall"), did_stats per number, and monthly_summary with its termination twin
 * per month of the account. The values are read by kit/traffic.ts: unknown stays unknown.
 */
import type { TrunkGroup } from '../../../shared/domain'
import type { TrafficFigures, TrunkDirection } from '../../../shared/trunks'
import type { TrafficActions } from '../adapter'
import type { VitcomClient } from './client'
import { e164Of, originationTrunkId, terminationTrunkId, vitcomOriginationTrunkId, vitcomTerminationTrunkId } from './mapping'
import { tenDigitsOf, type TrafficStats } from './schemas'

/** Subjects per report call: the reports take comma-joined lists; long ones are split. */
const batchSize = 100

const figures = (row: TrafficStats, where: Pick<TrafficFigures, 'subject' | 'direction' | 'period'>): TrafficFigures => {
  const { subject: _subject, month: _month, ...counts } = row
  return { ...where, ...counts }
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = []
  for (let index = 0; index < items.length; index += batchSize) out.push(items.slice(index, index + batchSize))
  return out
}

export function vitcomTrafficActions(client: VitcomClient): TrafficActions {
  const trunkReport = async (
    ids: string[],
    direction: TrunkDirection,
    read: (options: { trunkIds: string[]; signal: AbortSignal }) => Promise<TrafficStats[]>,
    signal: AbortSignal,
  ): Promise<TrafficFigures[]> => {
    const named = direction === 'origination' ? originationTrunkId : terminationTrunkId
    const rows: TrafficFigures[] = []
    for (const batch of chunks(ids)) {
      for (const row of await read({ trunkIds: batch, signal })) rows.push(figures(row, { subject: named(row.subject), direction, period: 'overall' }))
    }
    return rows
  }

  return {
    async trunks({ trunks, signal }: { trunks: TrunkGroup[]; signal: AbortSignal }) {
      const origination = trunks.map((trunk) => (trunk.direction === 'origination' ? vitcomOriginationTrunkId(trunk.id) : undefined)).filter((id): id is string => id !== undefined)
      const termination = trunks.map((trunk) => vitcomTerminationTrunkId(trunk.id)).filter((id): id is string => id !== undefined)
      return [
        ...(origination.length > 0 ? await trunkReport(origination, 'origination', (options) => client.trunkGroupStats(options), signal) : []),
        ...(termination.length > 0 ? await trunkReport(termination, 'termination', (options) => client.trunkGroupStatsTermination(options), signal) : []),
      ]
    },

    async numbers({ e164s, signal }) {
      const rows: TrafficFigures[] = []
      for (const batch of chunks(e164s.filter((e164) => tenDigitsOf(e164) !== undefined))) {
        for (const row of await client.didStats({ numbers: batch, signal })) {
          const tn = tenDigitsOf(row.subject)
          if (tn !== undefined) rows.push(figures(row, { subject: e164Of(tn), direction: 'origination', period: 'overall' }))
        }
      }
      return rows
    },

    async account({ year, month, signal }) {
      const asked = month === undefined ? undefined : `${year}-${String(month).padStart(2, '0')}`
      const [origination, termination] = await Promise.all([client.monthlySummary({ year, month, signal }), client.monthlySummaryTermination({ year, month, signal })])
      const rowsOf = (rows: TrafficStats[], direction: TrunkDirection): TrafficFigures[] =>
        rows
          .map((row) => ({ row, period: row.month ?? asked }))
          .filter((entry): entry is { row: TrafficStats; period: string } => entry.period !== undefined)
          .map(({ row, period }) => figures(row, { subject: '', direction, period }))
      return [...rowsOf(origination, 'origination'), ...rowsOf(termination, 'termination')]
    },
  }
}
