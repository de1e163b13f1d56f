/**
 * The Sandbox: faithful simulators of the carrier APIs on 127.0.0.1, with seeded data, a simulated
 * clock, fault injection and a ledger of mutations. One call starts them all (or some) and returns their
 * base URLs and the accounts that reach them; the CLI, the app and every test use this same entry point.
 */
import { z } from 'zod'
import type { CarrierId } from '../../shared/domain'
import { createSimClock, type SimClock } from './kit/clock'
import { createFaultInjector, FaultSettingsSchema, type FaultInjector, type FaultSettingsInput } from './kit/faults'
import { startSimServer, type RunningSimServer } from './kit/http'
import { createLedger, type Ledger } from './kit/ledger'
import { hash32 } from './kit/random'
import type { SandboxAccount } from './kit/simulator'
import { maxSandboxCallsPerDay, maxSandboxNumbers } from './limits'
import { simulatedCarrierIds, simulators } from './registry'

export type { SandboxAccount } from './kit/simulator'
export type { FaultSettingsInput } from './kit/faults'
export { simulatedCarrierIds } from './registry'

/** Fault settings per carrier, as `sandbox start --faults` takes them: a carrier or setting it does not know is refused. */
export const FaultsByCarrierSchema = z.partialRecord(z.enum(simulatedCarrierIds), FaultSettingsSchema.partial().strict())

export interface SandboxOptions {
  seed?: number
  /** Owned numbers in total across the carriers (up to 1,000,000). */
  numbers?: number
  /**
   * Call records per day per carrier (Vitcom: per direction), up to 10,000,000; default 2,000. Records
   * are derived from their index on demand, so any size costs no memory.
   */
  callsPerDay?: number
  historyDays?: number
  /** Share (0 to 1) of port orders rejected at first for wrong account data; default 0.2. */
  portRejectionRate?: number
  carriers?: CarrierId[]
  faults?: Partial<Record<CarrierId, FaultSettingsInput>>
  /** Fixed ports per carrier; 0 or absent picks a free port. */
  ports?: Partial<Record<CarrierId, number>>
}

export interface SandboxCarrier {
  carrier: CarrierId
  baseUrl: string
  /** The server's own origin, for control endpoints (`/_sandbox/...`). */
  origin: string
  account: SandboxAccount
  faults: FaultInjector
  server: RunningSimServer
}

export interface Sandbox {
  seed: number
  clock: SimClock
  ledger: Ledger
  carriers: Partial<Record<CarrierId, SandboxCarrier>>
  /** Every started carrier, in a stable order. */
  list(): SandboxCarrier[]
  stop(): Promise<void>
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 1
  const total = options.numbers ?? 10_000
  if (!Number.isInteger(total) || total < 0 || total > maxSandboxNumbers) {
    throw new RangeError(`numbers must be a whole number from 0 to ${maxSandboxNumbers}`)
  }
  const callsPerDay = options.callsPerDay ?? 2_000
  if (!Number.isInteger(callsPerDay) || callsPerDay < 0 || callsPerDay > maxSandboxCallsPerDay) {
    throw new RangeError(`callsPerDay must be a whole number from 0 to ${maxSandboxCallsPerDay}`)
  }
  const portRejectionRate = options.portRejectionRate ?? 0.2
  if (!(portRejectionRate >= 0 && portRejectionRate <= 1)) throw new RangeError('portRejectionRate must be from 0 to 1')
  const clock = createSimClock()
  const ledger = createLedger(clock.now)
  const started: SandboxCarrier[] = []
  const ownedNumbersByCarrier = Object.fromEntries(
    simulatedCarrierIds.map((carrier) => [carrier, Math.round(total * (simulators[carrier]?.numberShare ?? 0))]),
  ) as Partial<Record<CarrierId, number>>
  try {
    for (const carrier of options.carriers ?? simulatedCarrierIds) {
      const entry = simulators[carrier]
      if (!entry) throw new RangeError(`The Sandbox has no simulator of ${carrier}`)
      const faults = createFaultInjector(hash32(seed, simulatedCarrierIds.indexOf(carrier)), options.faults?.[carrier])
      const simulator = entry.create({
        seed,
        ownedNumbers: ownedNumbersByCarrier[carrier] ?? 0,
        ownedNumbersByCarrier,
        callsPerDay,
        historyDays: options.historyDays ?? 30,
        portRejectionRate,
        clock,
        ledger,
        faults,
      })
      const server = await startSimServer({
        definition: simulator.definition,
        faults,
        clock,
        ledger,
        port: options.ports?.[carrier],
      })
      const baseUrl = `${server.baseUrl}${simulator.basePath}`
      started.push({ carrier, baseUrl, origin: server.baseUrl, account: simulator.account(baseUrl), faults, server })
    }
  } catch (error) {
    await Promise.all(started.map((entry) => entry.server.close()))
    throw error
  }
  return {
    seed,
    clock,
    ledger,
    carriers: Object.fromEntries(started.map((entry) => [entry.carrier, entry])),
    list: () => [...started],
    async stop() {
      await Promise.all(started.map((entry) => entry.server.close()))
    },
  }
}
