/** The trunks area's channels (src/shared/contract/trunks.ts) bound to the core. */
import type { trunksChannels } from '../../../shared/contract/names/trunks'
import type { AreaHandlers, HandlerDeps } from './handler'

export const trunksHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof trunksChannels> => ({
  'trunks.list': (input) => desk.trunks.list(input.accountId),
  'trunks.detail': (input) => desk.trunks.detail(input),
  'trunks.choices': (input) => desk.trunkChoices.list(input.accountIds),
  'trunks.create': ({ confirmed: _confirmed, ...input }, signal) => desk.trunks.create(input, signal),
  'trunks.update': ({ confirmed: _confirmed, ...input }, signal) => desk.trunks.update(input, signal),
  'trunks.disable': ({ confirmed: _confirmed, ...input }, signal) => desk.trunks.disable(input, signal),
  'trunks.traffic': (input, signal) => desk.traffic.report(input, signal),
})
