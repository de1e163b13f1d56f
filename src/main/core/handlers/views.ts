/** The saved views area's channels (src/shared/contract/views.ts) bound to the core. */
import type { viewsChannels } from '../../../shared/contract/names/views'
import type { AreaHandlers, HandlerDeps } from './handler'

export const viewsHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof viewsChannels> => ({
  'views.list': (input) => desk.store.views.list(input.screen),
  'views.save': (input) => desk.store.views.save({ ...input, now: desk.now() }),
  'views.remove': (input) => ({ removed: desk.store.views.remove(input.id) }),
})
