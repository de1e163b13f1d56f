/** SIP trunk groups, as cached by the last sync. */
import { z } from 'zod'
import type { TrunkGroup } from '../domain'
import { AccountId, channel, type AreaChannels } from './kit'
import type { trunksChannels } from './names/trunks'

export const trunksContract = {
  'trunks.list': channel<TrunkGroup[]>()(z.object({ accountId: AccountId.optional() }).strict()),
} satisfies AreaChannels<(typeof trunksChannels)[number]>
