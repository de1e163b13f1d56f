/** The settings area's channels (src/shared/contract/settings.ts) bound to the core. */
import type { settingsChannels } from '../../../shared/contract/names/settings'
import type { AreaHandlers, HandlerDeps } from './handler'

export const settingsHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof settingsChannels> => ({
  'settings.get': () => desk.settings.get(),
  'settings.update': (input) => desk.settings.update(input),
})
