/** Number port orders, as cached by the last sync. */
import { z } from 'zod'
import type { PortOrder } from '../domain'
import { AccountId, channel, type AreaChannels } from './kit'
import type { portsChannels } from './names/ports'

export const portsContract = {
  'ports.list': channel<PortOrder[]>()(z.object({ accountId: AccountId.optional() }).strict()),
} satisfies AreaChannels<(typeof portsChannels)[number]>
