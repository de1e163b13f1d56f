/** The E911 area's channels (src/shared/contract/e911.ts) bound to the core. */
import type { e911Channels } from '../../../shared/contract/names/e911'
import type { AreaHandlers, HandlerDeps } from './handler'

export const e911Handlers = ({ desk }: HandlerDeps): AreaHandlers<typeof e911Channels> => ({
  'e911.locations': (input, signal) => desk.e911.locations(input, signal),
  'e911.addLocation': ({ confirmed: _confirmed, ...input }, signal) => desk.e911.addLocation(input, signal),
  'e911.provisionLocation': ({ confirmed: _confirmed, ...input }, signal) => desk.e911.provisionLocation(input, signal),
  'e911.removeLocation': ({ confirmed: _confirmed, ...input }, signal) => desk.e911.removeLocation(input, signal),
  'e911.history': (input, signal) => desk.e911.history(input, signal),
  'e911.alerts': (input, signal) => desk.e911.alerts(input, signal),
  'e911.addAlert': ({ confirmed: _confirmed, ...input }, signal) => desk.e911.addAlert(input, signal),
  'e911.removeAlert': ({ confirmed: _confirmed, ...input }, signal) => desk.e911.removeAlert(input, signal),
})
