/**
 * Shared pieces of the benchmarks: realistic cached numbers (deterministic, seeded), seeding a store through
 * the real sync path, percentiles, and the printed summary (measured, same-run baseline, ratio, target).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CarrierId, NumberStatus, NumberType, PhoneNumberRecord } from '../../src/shared/domain'
import type { Store } from '../../src/main/store/store'

export const benchOutputDir = join(__dirname, '../../test-output/bench')

/**
 * Waits until no other benchmark file holds the lock, then takes it: vitest runs bench files in parallel
 * workers, and timings taken while another benchmark loads the CPU and the disk would mean little.
 * Returns the release function (also called when the process exits).
 */
export async function exclusive(): Promise<() => void> {
  const lock = join(benchOutputDir, '.lock')
  mkdirSync(benchOutputDir, { recursive: true })
  for (;;) {
    try {
      mkdirSync(lock)
      writeFileSync(join(lock, 'pid'), String(process.pid))
      break
    } catch {
      let holder = Number.NaN
      try {
        holder = Number(readFileSync(join(lock, 'pid'), 'utf8'))
      } catch {
        // Being created right now: wait.
      }
      if (Number.isInteger(holder) && holder > 0 && !alive(holder)) rmSync(lock, { recursive: true, force: true })
      else await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  let released = false
  const release = (): void => {
    if (released) return
    released = true
    rmSync(lock, { recursive: true, force: true })
  }
  process.once('exit', release)
  return release
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** mulberry32: small, fast and deterministic, so every run benchmarks the same rows. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Area codes with their state and a few of their rate centers (US and a couple of Canadian ones). */
const areas: readonly [npa: string, state: string, rateCenters: readonly string[]][] = [
  ['305', 'FL', ['MIAMI', 'HOMESTEAD', 'KEY WEST', 'NORTH DADE']],
  ['786', 'FL', ['MIAMI', 'PERRINE', 'NORTH DADE']],
  ['954', 'FL', ['FORT LAUDERDALE', 'HOLLYWOOD', 'POMPANO BEACH', 'CORAL SPRINGS']],
  ['561', 'FL', ['WEST PALM BEACH', 'BOCA RATON', 'JUPITER']],
  ['407', 'FL', ['ORLANDO', 'KISSIMMEE', 'WINTER PARK']],
  ['813', 'FL', ['TAMPA', 'PLANT CITY']],
  ['212', 'NY', ['NEW YORK CITY ZONE 1', 'NEW YORK CITY ZONE 2']],
  ['718', 'NY', ['BROOKLYN', 'QUEENS', 'BRONX', 'STATEN ISLAND']],
  ['516', 'NY', ['HEMPSTEAD', 'GLEN COVE', 'FREEPORT']],
  ['518', 'NY', ['ALBANY', 'SCHENECTADY', 'TROY']],
  ['201', 'NJ', ['HACKENSACK', 'JERSEY CITY', 'BAYONNE']],
  ['973', 'NJ', ['NEWARK', 'MORRISTOWN', 'PATERSON']],
  ['215', 'PA', ['PHILADELPHIA', 'NORRISTOWN']],
  ['412', 'PA', ['PITTSBURGH', 'MCKEESPORT']],
  ['617', 'MA', ['BOSTON', 'CAMBRIDGE', 'QUINCY']],
  ['404', 'GA', ['ATLANTA', 'DECATUR', 'MARIETTA']],
  ['704', 'NC', ['CHARLOTTE', 'GASTONIA', 'CONCORD']],
  ['919', 'NC', ['RALEIGH', 'DURHAM', 'CHAPEL HILL']],
  ['312', 'IL', ['CHICAGO ZONE 1', 'CHICAGO ZONE 2']],
  ['847', 'IL', ['EVANSTON', 'SKOKIE', 'WAUKEGAN']],
  ['313', 'MI', ['DETROIT ZONE 1', 'DEARBORN']],
  ['614', 'OH', ['COLUMBUS', 'WORTHINGTON']],
  ['216', 'OH', ['CLEVELAND', 'EUCLID']],
  ['615', 'TN', ['NASHVILLE', 'FRANKLIN']],
  ['214', 'TX', ['DALLAS', 'GARLAND', 'GRAND PRAIRIE']],
  ['713', 'TX', ['HOUSTON', 'PASADENA', 'BELLAIRE']],
  ['512', 'TX', ['AUSTIN', 'ROUND ROCK', 'PFLUGERVILLE']],
  ['210', 'TX', ['SAN ANTONIO', 'CONVERSE']],
  ['303', 'CO', ['DENVER', 'BOULDER', 'LITTLETON']],
  ['602', 'AZ', ['PHOENIX', 'GLENDALE', 'TEMPE']],
  ['702', 'NV', ['LAS VEGAS', 'HENDERSON']],
  ['206', 'WA', ['SEATTLE', 'BELLEVUE', 'KENT']],
  ['503', 'OR', ['PORTLAND', 'BEAVERTON', 'GRESHAM']],
  ['213', 'CA', ['LOS ANGELES', 'LOS ANGELES DA 01']],
  ['415', 'CA', ['SAN FRANCISCO', 'SAUSALITO']],
  ['619', 'CA', ['SAN DIEGO', 'CHULA VISTA', 'LA MESA']],
  ['916', 'CA', ['SACRAMENTO', 'ROSEVILLE', 'ELK GROVE']],
  ['808', 'HI', ['HONOLULU', 'KANEOHE']],
  ['907', 'AK', ['ANCHORAGE', 'FAIRBANKS']],
  ['801', 'UT', ['SALT LAKE CITY', 'OGDEN', 'PROVO']],
]
const tollFree = ['800', '833', '844', '855', '866', '877', '888']
const cnamFirst = ['ACME', 'SUNSHINE', 'BLUE RIVER', 'GOLDEN', 'SMITH', 'GARCIA', 'NORTHSIDE', 'PREMIER', 'ATLAS', 'METRO']
const cnamSecond = ['DENTAL', 'PLUMBING', 'LAW GROUP', 'AUTO', 'REALTY', 'CLINIC', 'PIZZA', 'INSURANCE', 'HVAC', 'SALON']
const streets = ['MAIN ST', 'OAK AVE', 'BISCAYNE BLVD', 'BROADWAY', 'ELM ST', 'MARKET ST', 'PARK AVE']
const statuses: readonly [NumberStatus, number][] = [
  ['active', 0.86],
  ['reserved', 0.03],
  ['pending', 0.02],
  ['suspended', 0.03],
  ['porting', 0.02],
  ['released', 0.01],
  ['unknown', 0.03],
]

export interface BenchAccount {
  id: string
  carrier: CarrierId
  name: string
}

export const benchAccounts: readonly BenchAccount[] = [
  { id: 'acc-call48', carrier: 'call48', name: 'Call48 main' },
  { id: 'acc-vitcom', carrier: 'vitcom', name: 'Vitcom wholesale' },
  { id: 'acc-vi', carrier: 'voip-innovations', name: 'VoIP Innovations' },
  { id: 'acc-nexogy', carrier: 'nexogy', name: 'Nexogy hosted' },
]

export function insertAccounts(store: Store, accounts: readonly BenchAccount[] = benchAccounts): void {
  for (const account of accounts) {
    store.accounts.insert({
      id: account.id,
      carrier: account.carrier,
      name: account.name,
      baseUrl: 'http://127.0.0.1:9',
      environment: 'sandbox',
      storedSecrets: [],
      createdAt: 1,
      updatedAt: 1,
    })
  }
}

/**
 * `count` distinct numbers per account, unique across all the accounts generated with the same `taken` set.
 * About 35% have a CNAM, 40% an E911 address, 70% a trunk; 90% local, 9% toll-free, 1% international.
 */
export function makeNumbers(
  account: BenchAccount,
  count: number,
  options: { seed: number; asOf: number; taken?: Set<string> },
): PhoneNumberRecord[] {
  const rand = random(options.seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
  const digits = (n: number): string => String(Math.floor(rand() * 10 ** n)).padStart(n, '0')
  const taken = options.taken ?? new Set<string>()
  const rows: PhoneNumberRecord[] = []
  while (rows.length < count) {
    const kind = rand()
    const type: NumberType = kind < 0.9 ? 'local' : kind < 0.99 ? 'toll-free' : 'international'
    const area = pick(areas)
    const e164 =
      type === 'local'
        ? `+1${area[0]}${200 + Math.floor(rand() * 800)}${digits(4)}`
        : type === 'toll-free'
          ? `+1${pick(tollFree)}${200 + Math.floor(rand() * 800)}${digits(4)}`
          : `+44${pick(['20', '121', '161'])}${digits(7)}`
    if (taken.has(e164)) continue
    taken.add(e164)
    let roll = rand()
    let status: NumberStatus = 'active'
    for (const [candidate, share] of statuses) {
      if (roll < share) {
        status = candidate
        break
      }
      roll -= share
    }
    const local = type === 'local'
    const rateCenter = local ? pick(area[2]) : undefined
    const cnam = rand() < 0.35 ? `${pick(cnamFirst)} ${pick(cnamSecond)}` : undefined
    const trunk = rand() < 0.7 ? `trunk-${1 + Math.floor(rand() * 8)}` : undefined
    const e911 = local && rand() < 0.4 ? `${1 + Math.floor(rand() * 9000)} ${pick(streets)}, ${rateCenter}, ${area[1]}` : undefined
    const monthlyCost = Math.round((0.35 + rand() * 1.2) * 100) / 100
    rows.push({
      accountId: account.id,
      carrier: account.carrier,
      e164,
      type,
      status,
      state: local ? area[1] : undefined,
      rateCenter,
      trunk,
      cnam,
      e911,
      monthlyCost,
      asOf: options.asOf,
      // Roughly what the carriers answer per number (~150 bytes once serialised).
      raw: {
        tn: e164.slice(2),
        status: status.toUpperCase(),
        rateCenter: rateCenter ?? null,
        lata: 400 + Math.floor(rand() * 300),
        ocn: `${digits(3)}${pick(['A', 'E', 'F'])}`,
        route: trunk ?? 'default',
        cnam: cnam !== undefined,
        created: '2024-03-01T12:00:00Z',
      },
    })
  }
  return rows
}

/** The same number list, as a later sync would return it: new as-of, and a few numbers changed. */
export function resyncOf(rows: readonly PhoneNumberRecord[], asOf: number, changedShare = 0.01): PhoneNumberRecord[] {
  const rand = random(asOf)
  return rows.map((row) => {
    if (rand() >= changedShare) return { ...row, asOf }
    return { ...row, asOf, status: row.status === 'active' ? 'suspended' : 'active', cnam: row.cnam ? undefined : 'NEW CUSTOMER' }
  })
}

/** Writes rows through the real sync path (beginSync → writePage in pages → commit). */
export function syncThroughStore(store: Store, accountId: string, rows: readonly PhoneNumberRecord[], now: number, pageSize = 5_000): void {
  const session = store.numbers.beginSync(accountId)
  try {
    for (let start = 0; start < rows.length; start += pageSize) session.writePage(rows.slice(start, start + pageSize))
    session.commit(now)
  } catch (error) {
    session.dispose()
    throw error
  }
}

/** Resident anonymous memory (Linux /proc/self/status RssAnon), or NaN where it cannot be read. */
export function rssAnon(): number {
  try {
    const match = /^RssAnon:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    return match ? Number(match[1]) * 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]!
}

export interface Figure {
  metric: string
  measured: number
  baseline?: number | undefined
  unit: string
  /** measured / baseline, or for "lower is better" metrics the same ratio (the target text says which). */
  ratio?: number | undefined
  target: string
  met?: boolean | undefined
}

const format = (value: number | undefined, unit: string): string => {
  if (value === undefined || Number.isNaN(value)) return '—'
  if (unit === 'rows/s') return `${Math.round(value).toLocaleString('en-US')} rows/s`
  if (unit === 'ms') return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`
  return `${Math.round(value * 100) / 100} ${unit}`.trim()
}

/** Prints the figures as a table and as Markdown, and keeps them in test-output/bench/<name>.json. */
export function report(name: string, figures: readonly Figure[], notes: readonly string[] = []): void {
  const lines = figures.map((f) => ({
    metric: f.metric,
    measured: format(f.measured, f.unit),
    baseline: format(f.baseline, f.unit),
    ratio: f.ratio === undefined || Number.isNaN(f.ratio) ? '—' : `${f.ratio.toFixed(2)}x`,
    target: f.target,
    met: f.met === undefined ? '—' : f.met ? 'yes' : 'NO',
  }))
  const markdown = [
    '| Metric | Measured | Baseline | Ratio | Target | Met? |',
    '| --- | --- | --- | --- | --- | --- |',
    ...lines.map((l) => `| ${l.metric} | ${l.measured} | ${l.baseline} | ${l.ratio} | ${l.target} | ${l.met} |`),
  ].join('\n')
  const missed = figures.filter((f) => f.met === false).length
  const text = [
    '',
    `=== ${name} benchmark (baselines measured in this same run) ===`,
    markdown,
    ...notes.map((note) => `  note: ${note}`),
    missed === 0 ? '  all targets met' : `  ${missed} target(s) MISSED`,
    '',
  ].join('\n')
  // Straight to stdout: the summary must show even where the runner buffers console output.
  process.stdout.write(`${text}\n`)
  mkdirSync(benchOutputDir, { recursive: true })
  writeFileSync(join(benchOutputDir, `${name}.json`), JSON.stringify({ at: new Date().toISOString(), figures, notes }, null, 2))
  writeFileSync(join(benchOutputDir, `${name}.md`), `${markdown}\n`)
}
