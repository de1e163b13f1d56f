/**
 * Termination endpoints: trunk groups for outbound calls (defineTrunk_termination, get_trunk_termination,
 * disable_trunk_termination), their statistics and monthly summary, and the per-trunk configuration sheet
 * the `config` URL points at (`/ajax/settings_pdf/{ipaddress}`).
 */
import type { Router } from '../kit/http'
import { addEndpoint, type VitcomEnv } from './endpoint'
import { commaList, dateTime, invalid, isIpAddress, ok, optional, originOf, required, wholeNumber } from './forms'
import { minimalPdf } from './pdf'
import type { TerminationTrunk, VitcomState } from './state'
import { congestedTrunks, historyWindow, monthlyRows, trafficRow } from './stats'
import { congestedAnswerFactor, dayMs, outboundAnswerFactor } from '../kit/calls'

/** How the seeded termination traffic is shared between the two seeded trunks. */
export const terminationShare: Record<number, number> = { 500: 0.8, 501: 0.2 }

function trunkView(state: VitcomState, trunk: TerminationTrunk, origin: string): Record<string, string> {
  return {
    id: String(trunk.id),
    accountno: state.accountNo,
    // Not in the doc's example answer, but defineTrunk_termination requires it, so it is shown back.
    title: trunk.title,
    ipaddress: trunk.ipaddress,
    ports: String(trunk.ports),
    cps: String(trunk.cps),
    ports_assigned: String(trunk.status === '1' ? trunk.ports : 0),
    cps_assigned: String(trunk.status === '1' ? trunk.cps : 0),
    config: `${origin}/ajax/settings_pdf/${trunk.ipaddress}`,
    status: trunk.status,
    date: dateTime(trunk.createdAt),
  }
}

function existingTrunk(state: VitcomState, value: string): TerminationTrunk {
  const trunk = /^\d+$/.test(value) ? state.terminationTrunks.get(Number(value)) : undefined
  if (!trunk) throw invalid('tg_id')
  return trunk
}

export function registerTerminationRoutes(router: Router, env: VitcomEnv): void {
  const { state, context } = env

  addEndpoint(router, env, 'defineTrunk_termination', (fields) => {
    const title = required(fields, 'title')
    const ipaddress = required(fields, 'ipaddress')
    if (!isIpAddress(ipaddress)) throw invalid('ipaddress')
    if ([...state.terminationTrunks.values()].some((trunk) => trunk.ipaddress === ipaddress && trunk.status === '1')) {
      throw invalid('ipaddress')
    }
    const ports = wholeNumber(required(fields, 'ports'), 'ports', 1, 1000)
    const cpsValue = optional(fields, 'cps')
    const cps = cpsValue === undefined ? 5 : wholeNumber(cpsValue, 'cps', 1, 100)
    const trunk: TerminationTrunk = { id: state.nextTerminationTrunkId++, title, ipaddress, ports, cps, createdAt: context.clock.now(), status: '1' }
    state.terminationTrunks.set(trunk.id, trunk)
    env.record('defineTrunk_termination', { trunkId: trunk.id, title, ipaddress, ports, cps })
    // As for defineTrunk, the new id is echoed (not in the doc's example) so callers need not search for it.
    return ok({ success: 'Trunk group added successfully.', trunkid: String(trunk.id) })
  })

  addEndpoint(router, env, 'get_trunk_termination', (fields, request) => {
    const id = optional(fields, 'tg_id')
    const trunks = id === undefined ? [...state.terminationTrunks.values()].sort((a, b) => a.id - b.id) : [existingTrunk(state, id)]
    return ok({ data: trunks.map((trunk) => trunkView(state, trunk, originOf(request))) })
  })

  addEndpoint(router, env, 'disable_trunk_termination', (fields) => {
    const trunk = existingTrunk(state, required(fields, 'tg_id'))
    if (trunk.status === '1') {
      trunk.status = '0'
      env.record('disable_trunk_termination', { trunkId: trunk.id })
    }
    // The doc answers under "Removed TNs" with "Diabled Successfully" (sic); kept as documented, plus a
    // plain `success` like the other calls.
    return ok({ 'Removed TNs': 'Diabled Successfully', success: 'Disabled Successfully' })
  })

  addEndpoint(router, env, 'tg_stats_termination', (fields) => {
    const ids = commaList(required(fields, 'tg_id'))
    if (ids.length === 0) throw invalid('tg_id')
    const { first } = historyWindow(context)
    return ok({
      data: ids.map((value) => {
        const trunk = existingTrunk(state, value)
        const days = Math.max(0, Math.min(context.historyDays, (context.clock.now() - Math.max(first, trunk.createdAt)) / dayMs))
        const expected = context.callsPerDay * days * (terminationShare[trunk.id] ?? 0)
        const answerFactor = outboundAnswerFactor * (congestedTrunks.has(`TG${trunk.id}`) ? congestedAnswerFactor : 1)
        return { ...trafficRow(state.accountNo, String(trunk.id), context.seed, trunk.id, expected, days, answerFactor, 'clock'), tg_id: String(trunk.id) }
      }),
    })
  })

  addEndpoint(router, env, 'monthly_summary_termination', (fields) => {
    const year = wholeNumber(required(fields, 'year'), 'year', 2000, 2100)
    const monthValue = optional(fields, 'month')
    const month = monthValue === undefined ? undefined : wholeNumber(monthValue, 'month', 1, 12)
    return ok({ data: monthlyRows(context, state.accountNo, year, month, 2, 'clock') })
  })

  router.add('GET', '/ajax/settings_pdf/:ipaddress', (request) => {
    const trunk = [...state.terminationTrunks.values()].find((candidate) => candidate.ipaddress === request.params.ipaddress)
    if (!trunk) throw invalid('ipaddress')
    const body = minimalPdf([
      'TelecomCloud Termination Trunk Settings',
      `Account: ${state.accountNo}`,
      `Trunk group: ${trunk.id} (${trunk.title})`,
      `Authorized IP: ${trunk.ipaddress}`,
      `Ports: ${trunk.ports}   CPS: ${trunk.cps}`,
      'Codecs: G.711u, G.729   DTMF: RFC 2833',
    ])
    return { status: 200, headers: { 'content-type': 'application/pdf' }, body }
  })
}
