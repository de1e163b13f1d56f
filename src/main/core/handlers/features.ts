/** The number features area's channels (src/shared/contract/features.ts) bound to the core. */
import type { featuresChannels } from '../../../shared/contract/names/features'
import type { AreaHandlers, HandlerDeps } from './handler'

export const featuresHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof featuresChannels> => ({
  'features.get': (input, signal) => desk.features.get(input, signal),
  'features.groups': (input, signal) => desk.features.groups(input, signal),
  'features.groupMembers': (input, signal) => desk.features.groupMembers(input, signal),
  'features.conference': (input, signal) => desk.features.conference(input, signal),
  'features.revealConferencePin': (input, signal) => desk.features.revealConferencePin(input, signal),
  'features.setConference': ({ confirmed: _confirmed, ...input }, signal) => desk.features.setConference(input, signal),
  'features.removeConference': ({ confirmed: _confirmed, ...input }, signal) => desk.features.removeConference(input, signal),
})
