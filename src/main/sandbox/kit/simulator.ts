/**
 * What a carrier simulator provides to the Sandbox: its HTTP definition and the account a user (or a
 * test) adds to CarrierDesk to reach it.
 */
import type { CarrierId, Environment } from '../../../shared/domain'
import type { SimClock } from './clock'
import type { FaultInjector } from './faults'
import type { SimulatorDefinition } from './http'
import type { Ledger } from './ledger'

export interface SimulatorContext {
  seed: number
  /** Numbers the seeded account owns at this carrier. */
  ownedNumbers: number
  /**
   * What the seeded accounts own at every simulated carrier of the Sandbox, started or not: the seeded drift
   * has Call48 port in numbers that Vitcom owns (kit/drift). Absent, a simulator seeds no drift across carriers.
   */
  ownedNumbersByCarrier?: Partial<Record<CarrierId, number>>
  /**
   * Call records per day in the generated call history, per carrier (and at Vitcom per direction: its
   * origination and termination files each hold this many calls a day).
   */
  callsPerDay: number
  /** Days of call history, ending yesterday (simulated clock). */
  historyDays: number
  /** Share (0 to 1) of port orders the losing carrier rejects at first, decided per order by the seed. */
  portRejectionRate: number
  clock: SimClock
  ledger: Ledger
  faults: FaultInjector
}

/** The exact settings and secrets `carrierdesk accounts add` takes for the seeded account. */
export interface SandboxAccount {
  carrier: CarrierId
  name: string
  baseUrl: string
  environment: Environment
  username?: string
  accountNo?: string
  clientId?: string
  scope?: string
  secrets: Record<string, string>
}

export interface CarrierSimulator {
  definition: SimulatorDefinition
  /** The path the client's base URL ends with, e.g. `/api/v4` for Call48. */
  basePath: string
  account(baseUrl: string): SandboxAccount
}

export type SimulatorFactory = (context: SimulatorContext) => CarrierSimulator
