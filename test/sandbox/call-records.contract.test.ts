/**
 * Contract tests of the call history the Vitcom daily CDR files and Call48 XDRs serve, checked the way a NOC
 * technician would look at a day of traffic: more calls and more of them answered in business hours than at
 * night, congested trunks answering fewer, failures with their SIP and Q.850 causes, long-tailed talk times
 * billed 6/6, every call on one of the account's own numbers and trunks (and some numbers idle), stable ids,
 * the same seed giving the same records, the carrier's window moving with the clock, and memory staying
 * flat while a day of a million calls is streamed.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../src/main/sandbox/index'
import { startCall48Harness, type Body, type Call48Harness } from './call48-helpers'
import { csvFields, dataOf, startVitcomHarness, type VitcomHarness } from './vitcom-helpers'

const day = 86_400_000

interface Row {
  callId: string
  start: string
  answer: string
  ani: string
  dnis: string
  duration: number
  billed: number
  rate: number
  charge: number
  disposition: string
  sip: string
  cause: string
  causeText: string
  trunk: string
}

async function download(url: string): Promise<string> {
  const response = await fetch(url)
  expect(response.status).toBe(200)
  return response.text()
}

function rowsOf(csv: string): Row[] {
  const [header, ...lines] = csv.trimEnd().split('\n')
  expect(header).toBe('call_id,start_time,answer_time,end_time,ani,dnis,duration_sec,billed_sec,rate_per_min,charge,disposition,sip_code,cause_code,cause_text,trunk_group')
  return lines.map((line) => {
    const f = csvFields(line)
    expect(f).toHaveLength(15)
    return {
      callId: f[0]!,
      start: f[1]!,
      answer: f[2]!,
      ani: f[4]!,
      dnis: f[5]!,
      duration: Number(f[6]),
      billed: Number(f[7]),
      rate: Number(f[8]),
      charge: Number(f[9]),
      disposition: f[10]!,
      sip: f[11]!,
      cause: f[12]!,
      causeText: f[13]!,
      trunk: f[14]!,
    }
  })
}

const hourOf = (row: Row): number => Number(row.start.slice(11, 13))
const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole)
/** Answered share of calls whose UTC hour is in `hours`. */
function asr(rows: Row[], keep: (row: Row) => boolean): number {
  const chosen = rows.filter(keep)
  return share(chosen.filter((row) => row.disposition === 'ANSWERED').length, chosen.length)
}
// US Eastern business hours (10:00-16:00) and night (0:00-5:00) in UTC.
const business = (row: Row): boolean => hourOf(row) >= 15 && hourOf(row) < 21
const night = (row: Row): boolean => hourOf(row) >= 5 && hourOf(row) < 10

async function dayFiles(vitcom: VitcomHarness, endpoint: 'daily_cdrs' | 'daily_cdrs_termination'): Promise<{ success: string; failed: string }> {
  const [latest] = dataOf(await vitcom.post(endpoint))
  return { success: await download(String(latest!.success)), failed: await download(String(latest!.failed)) }
}

describe('Vitcom daily CDR files', () => {
  const callsPerDay = 20_000
  let vitcom: VitcomHarness
  let origination: Row[]
  let termination: Row[]
  let originationCsv: { success: string; failed: string }

  beforeAll(async () => {
    vitcom = await startVitcomHarness({ numbers: 3_000, callsPerDay, historyDays: 2, seed: 21 })
    originationCsv = await dayFiles(vitcom, 'daily_cdrs')
    origination = [...rowsOf(originationCsv.success), ...rowsOf(originationCsv.failed)]
    const term = await dayFiles(vitcom, 'daily_cdrs_termination')
    termination = [...rowsOf(term.success), ...rowsOf(term.failed)]
  })
  afterAll(async () => {
    await vitcom.sandbox.stop()
  })

  it('hold the day\'s calls once each, with more calls and a higher answer rate in business hours than at night', () => {
    expect(origination).toHaveLength(callsPerDay)
    expect(new Set(origination.map((row) => row.callId)).size).toBe(callsPerDay)
    expect(origination.every((row) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(row.callId))).toBe(true)
    const busyHour = origination.filter((row) => hourOf(row) === 16).length
    const quietHour = origination.filter((row) => hourOf(row) === 8).length
    expect(busyHour).toBeGreaterThan(quietHour * 8)
    const dayAsr = asr(origination, business)
    const nightAsr = asr(origination, night)
    expect(dayAsr).toBeGreaterThan(0.68)
    expect(dayAsr).toBeLessThan(0.85)
    expect(nightAsr).toBeLessThan(dayAsr - 0.15)
    // Calls the account places are answered less often than calls to its numbers.
    expect(asr(termination, business)).toBeLessThan(dayAsr - 0.1)
  })

  it('put each origination call on the number\'s own trunk, and the congested Call Center trunk answers fewer', async () => {
    const numbers = new Map(dataOf(await vitcom.post('getnumbers')).map((row) => [String(row.didnumber), String(row.trunkId)]))
    for (const row of origination) {
      expect(numbers.has(row.dnis)).toBe(true)
      expect(row.trunk).toBe(`TG${numbers.get(row.dnis)}`)
    }
    const congested = asr(origination, (row) => row.trunk === 'TG101')
    const others = asr(origination, (row) => row.trunk !== 'TG101')
    expect(origination.filter((row) => row.trunk === 'TG101').length).toBeGreaterThan(1_000)
    expect(congested).toBeLessThan(others - 0.12)
    const noCircuit = (rows: Row[]): number => share(rows.filter((row) => row.cause === '34').length, rows.length)
    expect(noCircuit(origination.filter((row) => row.trunk === 'TG101'))).toBeGreaterThan(noCircuit(origination.filter((row) => row.trunk !== 'TG101')) * 2)
    // Termination calls leave from the account's numbers, mostly on the primary trunk; the overflow answers fewer.
    expect(termination.every((row) => numbers.has(row.ani) && (row.trunk === 'TG500' || row.trunk === 'TG501'))).toBe(true)
    const overflow = termination.filter((row) => row.trunk === 'TG501').length / termination.length
    expect(overflow).toBeGreaterThan(0.15)
    expect(overflow).toBeLessThan(0.25)
    expect(asr(termination, (row) => row.trunk === 'TG501')).toBeLessThan(asr(termination, (row) => row.trunk === 'TG500') - 0.1)
  })

  it('leave some of the account\'s numbers without a call and give others many', async () => {
    const owned = dataOf(await vitcom.post('getnumbers')).map((row) => String(row.didnumber))
    const perNumber = new Map<string, number>()
    for (const row of origination) perNumber.set(row.dnis, (perNumber.get(row.dnis) ?? 0) + 1)
    const idle = owned.filter((tn) => !perNumber.has(tn)).length
    expect(idle / owned.length).toBeGreaterThan(0.2)
    const counts = [...perNumber.values()].sort((a, b) => b - a)
    expect(counts[0]!).toBeGreaterThan(counts[Math.floor(counts.length / 2)]! * 5)
  })

  it('give failures their SIP code, Q.850 cause and text, quoting a text with a comma', () => {
    const failed = origination.filter((row) => row.disposition !== 'ANSWERED')
    const byDisposition = new Map<string, Set<string>>()
    for (const row of failed) {
      expect(row.answer).toBe('')
      expect([row.duration, row.billed, row.charge]).toEqual([0, 0, 0])
      byDisposition.set(row.disposition, (byDisposition.get(row.disposition) ?? new Set()).add(`${row.sip}/${row.cause}/${row.causeText}`))
    }
    expect([...byDisposition.keys()].sort()).toEqual(['BUSY', 'CANCELLED', 'FAILED', 'NO ANSWER'])
    expect([...byDisposition.get('BUSY')!]).toEqual(['486/17/User busy'])
    expect(byDisposition.get('NO ANSWER')).toEqual(new Set(['408/19/No answer from user (user alerted)', '480/18/No user responding']))
    expect(byDisposition.get('CANCELLED')).toEqual(new Set(['487/31/Normal, unspecified']))
    expect(byDisposition.get('FAILED')).toContain('404/1/Unallocated (unassigned) number')
    expect(byDisposition.get('FAILED')).toContain('503/34/No circuit/channel available')
    expect(byDisposition.get('FAILED')!.size).toBeGreaterThanOrEqual(6)
    expect(originationCsv.failed).toContain(',487,31,"Normal, unspecified",TG')
    // Night failures are more often unanswered ringing than in the day.
    const noAnswer = (rows: Row[]): number => share(rows.filter((row) => row.disposition === 'NO ANSWER').length, rows.length)
    expect(noAnswer(failed.filter(night))).toBeGreaterThan(noAnswer(failed.filter(business)) * 1.4)
  })

  it('give answered calls long-tailed talk times, billed 6/6 and charged at their rate', () => {
    const answered = origination.filter((row) => row.disposition === 'ANSWERED')
    for (const row of answered) {
      expect(row.sip + row.cause + row.causeText).toBe('20016Normal call clearing')
      expect(row.duration).toBeGreaterThan(0)
      expect(row.duration).toBeLessThanOrEqual(7_200)
      expect(row.billed % 6).toBe(0)
      expect(row.billed).toBeGreaterThanOrEqual(Math.max(6, row.duration))
      expect(row.billed - row.duration).toBeLessThan(6)
      expect(Math.abs(row.charge - (row.billed / 60) * row.rate)).toBeLessThan(1e-6)
    }
    const durations = answered.map((row) => row.duration).sort((a, b) => a - b)
    const at = (q: number): number => durations[Math.floor(q * (durations.length - 1))]!
    expect(at(0.5)).toBeGreaterThan(40)
    expect(at(0.5)).toBeLessThan(100)
    expect(at(0.05)).toBeLessThan(10)
    expect(at(0.99)).toBeGreaterThan(at(0.5) * 8)
  })

  it('serve the same records for the same seed and different ones for another', async () => {
    const digest = (text: string): string => createHash('sha256').update(text).digest('hex')
    const same = await startVitcomHarness({ numbers: 3_000, callsPerDay, historyDays: 2, seed: 21 })
    const other = await startVitcomHarness({ numbers: 3_000, callsPerDay, historyDays: 2, seed: 22 })
    try {
      expect(digest((await dayFiles(same, 'daily_cdrs')).failed)).toBe(digest(originationCsv.failed))
      expect(digest((await dayFiles(other, 'daily_cdrs')).failed)).not.toBe(digest(originationCsv.failed))
    } finally {
      await Promise.all([same.sandbox.stop(), other.sandbox.stop()])
    }
  })
})

describe('Call48 XDRs', () => {
  let h: Call48Harness
  const callsPerDay = 5_000
  const dateOf = (offset: number, clock: { now(): number }): string => new Date(clock.now() - offset * day).toISOString().slice(0, 10)

  async function xdrs(query: Record<string, string>, harness = h): Promise<{ list: Body[]; total: number }> {
    const answer = await harness.call('GET', '/xdr', { query })
    expect(answer.body.error).toBeNull()
    return { list: answer.body.data.xdr_list as Body[], total: answer.body.data.total as number }
  }

  async function wholeDay(offset: number, harness = h): Promise<Body[]> {
    const date = dateOf(offset, harness.sandbox.clock)
    const rows: Body[] = []
    for (let page = 1; ; page += 1) {
      const { list, total } = await xdrs({ from: `${date} 00:00`, to: `${date} 23:59`, page: String(page), max: '1000' }, harness)
      rows.push(...list)
      if (rows.length >= total || list.length === 0) return rows
    }
  }

  beforeAll(async () => {
    h = await startCall48Harness({ numbers: 2_000, callsPerDay, historyDays: 5, seed: 21 })
  })
  afterAll(async () => {
    await h.stop()
  })

  it('name one of the account\'s own DIDs in every record and keep stable ids', async () => {
    const dids = new Set(((await h.call('GET', '/dids', { query: { type: 'local', page: '1', max: '1000' } })).body.data as Body[]).map((did) => `1${String(did.did)}`))
    const rows = await wholeDay(2)
    expect(rows).toHaveLength(callsPerDay)
    expect(new Set(rows.map((row) => row.i_xdr)).size).toBe(callsPerDay)
    expect(new Set(rows.map((row) => row.call_id)).size).toBe(callsPerDay)
    for (const row of rows) {
      expect(dids.has(String(row.account_id))).toBe(true)
      if (row.description === 'Toll Free') expect(String(row.CLD)).toMatch(/^18(00|33|44|55|66|77|88)\d{7}$/)
      else if (row.bit_flags === 12) expect(dids.has(String(row.CLI))).toBe(true)
      else expect(dids.has(String(row.CLD))).toBe(true)
    }
    const date = dateOf(2, h.sandbox.clock)
    const again = await xdrs({ from: `${date} 00:00`, to: `${date} 23:59`, page: '3', max: '1000' })
    expect(again.list.map((row) => row.i_xdr)).toEqual(rows.slice(2_000, 3_000).map((row) => row.i_xdr))
    expect(again.list.map((row) => row.call_id)).toEqual(rows.slice(2_000, 3_000).map((row) => row.call_id))
  })

  it('answer more calls in business hours, fail with varied causes and bill talk time', async () => {
    const rows = await wholeDay(2)
    const hour = (row: Body): number => Number(String(row.connect_time).slice(11, 13))
    const answeredShare = (keep: (row: Body) => boolean): number => {
      const chosen = rows.filter(keep)
      return share(chosen.filter((row) => row.disconnect_cause === '16').length, chosen.length)
    }
    expect(answeredShare((row) => hour(row) >= 15 && hour(row) < 21)).toBeGreaterThan(answeredShare((row) => hour(row) >= 5 && hour(row) < 10) + 0.12)
    const causes = new Set(rows.map((row) => `${row.disconnect_cause} ${row.disconnect_reason}`))
    for (const cause of ['16 Normal call clearing', '17 User busy', '19 No answer from user (user alerted)', '31 Normal, unspecified', '1 Unallocated (unassigned) number', '34 No circuit/channel available']) {
      expect(causes).toContain(cause)
    }
    for (const row of rows) {
      const talk = (row.unix_disconnect_time as number) - (row.unix_connect_time as number)
      if (row.disconnect_cause === '16') {
        expect(row.charged_quantity).toBeGreaterThanOrEqual(Math.max(6, talk))
        expect(row.charged_quantity % 6).toBe(0)
      } else {
        expect([talk, row.charged_quantity, row.charged_amount]).toEqual([0, 0, 0])
      }
    }
  })

  it('serve the same records for the same seed', async () => {
    const twin = await startCall48Harness({ numbers: 2_000, callsPerDay, historyDays: 5, seed: 21 })
    try {
      const date = dateOf(3, h.sandbox.clock)
      const query = { from: `${date} 12:00`, to: `${date} 13:59`, page: '1', max: '200' }
      expect((await xdrs(query, twin)).list).toEqual((await xdrs(query)).list)
    } finally {
      await twin.stop()
    }
  })

  it('cover the days before today and today until two hours ago, moving with the simulated clock', async () => {
    const { clock } = h.sandbox
    const total = async (date: string): Promise<number> => (await xdrs({ from: `${date} 00:00`, to: `${date} 23:59`, page: '1', max: '1' })).total
    const oldest = dateOf(5, clock)
    expect(await total(oldest)).toBe(callsPerDay)
    expect(await total(dateOf(6, clock))).toBe(0)

    // To noon UTC the day after tomorrow: two days leave the window, two complete days join it.
    clock.advance(Math.floor(clock.now() / day) * day + 2 * day + 12 * 3_600_000 - clock.now())
    expect(await total(oldest)).toBe(0)
    expect(await total(dateOf(5, clock))).toBe(callsPerDay)
    expect(await total(dateOf(1, clock))).toBe(callsPerDay)
    const today = await xdrs({ from: `${dateOf(0, clock)} 00:00`, to: `${dateOf(0, clock)} 23:59`, page: '1', max: '1000' })
    expect(today.total).toBeGreaterThan(0)
    expect(today.total).toBe(today.list.length)
    expect((today.list.at(-1)!.unix_connect_time as number) * 1000).toBeLessThan(clock.now() - 2 * 3_600_000)
    expect((today.list.at(-1)!.unix_connect_time as number) * 1000).toBeGreaterThan(clock.now() - 3 * 3_600_000)
  })
})

describe('a day of a million calls', () => {
  let sandbox: Sandbox

  beforeAll(async () => {
    sandbox = await startSandbox({ carriers: ['vitcom'], numbers: 50_000, callsPerDay: 1_000_000, historyDays: 1, seed: 5 })
  })
  afterAll(async () => {
    await sandbox.stop()
  })

  it('streams Vitcom\'s failed-calls file of the day (every call derived, about 300,000 written) with flat memory', async () => {
    const vitcom = sandbox.carriers.vitcom!
    const fields = new URLSearchParams({ token: vitcom.account.secrets.token ?? '', accountno: vitcom.account.accountNo ?? '' })
    const listing = (await (await fetch(`${vitcom.baseUrl}/daily_cdrs`, { method: 'POST', body: fields })).json()) as { data: { failed: string }[] }
    const response = await fetch(listing.data[0]!.failed)
    const before = process.memoryUsage().heapUsed
    let peak = before
    let lines = 0
    let chunks = 0
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1
      chunks += 1
      if (chunks % 64 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed)
    }
    expect(lines - 1).toBeGreaterThan(220_000)
    expect(lines - 1).toBeLessThan(380_000)
    // The file is about 50 MB; the heap (the simulator and this reader share it) grows by a small fraction.
    expect(peak - before).toBeLessThan(40 * 1024 * 1024)
  }, 60_000)

  it('pages Call48 XDRs to the last record of the day without walking the ones before', async () => {
    const harness = await startCall48Harness({ numbers: 1_000, callsPerDay: 1_000_000, historyDays: 1, seed: 5 })
    try {
      // At noon yesterday is complete (the last two hours of a day are written after midnight).
      const { clock } = harness.sandbox
      clock.advance((12 * 3_600_000 - (clock.now() % day) + day) % day)
      const date = new Date(clock.now() - day).toISOString().slice(0, 10)
      const started = performance.now()
      const answer = await harness.call('GET', '/xdr', { query: { from: `${date} 00:00`, to: `${date} 23:59`, page: '1000', max: '1000' } })
      expect(performance.now() - started).toBeLessThan(3_000)
      expect(answer.body.data.total).toBe(1_000_000)
      expect(answer.body.data.xdr_list).toHaveLength(1000)
      expect(String(answer.body.data.xdr_list.at(-1).connect_time).slice(0, 10)).toBe(date)
    } finally {
      await harness.stop()
    }
  })
})
