/** The app itself: its status (online, how old the cache is), the carriers it knows, and going offline. */
import type { CarrierInfo } from '../domain'
import { channel, NoInput, type AreaChannels, type ExactlyFor } from './kit'
import type { appChannels, appEvents } from './names/app'

export interface AppStatus {
  online: boolean
  /** The oldest "as of" among cached records of accounts that have synced, or undefined if none. */
  oldestDataAsOf?: number | undefined
  accounts: number
  version: string
}

export const appContract = {
  'app.status': channel<AppStatus>()(NoInput),
  'carriers.list': channel<CarrierInfo[]>()(NoInput),
} satisfies AreaChannels<(typeof appChannels)[number]>

export type AppEvents = ExactlyFor<(typeof appEvents)[number], { 'app.online': { online: boolean } }>
