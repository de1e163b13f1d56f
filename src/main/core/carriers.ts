/**
 * The carriers this build knows, for a front door that lists them before any CarrierDesk is open (the
 * CLI's --carrier choices and the options of each carrier's settings).
 */
import type { CarrierInfo } from '../../shared/domain'
import { CarrierRegistry } from '../carriers/registry'

export const knownCarriers = (): CarrierInfo[] => new CarrierRegistry().list()
