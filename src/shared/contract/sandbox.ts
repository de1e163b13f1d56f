/** The Sandbox inside the app: simulators on this computer and one sandbox account for each. */
import { z } from 'zod'
import type { AccountView } from '../domain'
import { channel, NoInput, type AreaChannels } from './kit'
import type { sandboxChannels } from './names/sandbox'

export interface SandboxStatus {
  running: boolean
  carriers: { carrier: string; baseUrl: string }[]
}

export const sandboxContract = {
  'sandbox.open': channel<{ accounts: AccountView[] }>()(
    z.object({ seed: z.number().int().min(0).max(2 ** 31).optional() }).strict(),
  ),
  'sandbox.status': channel<SandboxStatus>()(NoInput),
} satisfies AreaChannels<(typeof sandboxChannels)[number]>
