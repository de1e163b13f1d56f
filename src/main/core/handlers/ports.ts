/** The ports area's channels (src/shared/contract/ports.ts) bound to the core's port service. */
import type { portsChannels } from '../../../shared/contract/names/ports'
import type { AreaHandlers, HandlerDeps } from './handler'

export const portsHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof portsChannels> => ({
  'ports.list': (input) => desk.ports.list(input),
  'ports.check': (input, signal) => desk.ports.check(input, signal),
  'ports.preview': (input) => desk.ports.preview(input),
  'ports.submit': ({ confirmed: _confirmed, ...input }, signal) => desk.ports.submit(input, signal),
  'ports.detail': (input, signal) => desk.ports.detail(input, signal),
  'ports.previewChanges': (input) => desk.ports.previewChanges(input),
  'ports.update': ({ confirmed: _confirmed, ...input }, signal) => desk.ports.update(input, signal),
  'ports.cancel': ({ confirmed: _confirmed, ...input }, signal) => desk.ports.cancel(input, signal),
  'ports.delete': ({ confirmed: _confirmed, ...input }, signal) => desk.ports.discard(input, signal),
  'ports.activate': ({ confirmed: _confirmed, ...input }, signal) => desk.ports.activate(input, signal),
  'ports.addDocument': ({ confirmed: _confirmed, ...input }, signal) => desk.ports.addDocument(input, signal),
  'ports.removeDocument': ({ confirmed: _confirmed, ...input }, signal) => desk.ports.removeDocument(input, signal),
  'ports.updateForwarding': ({ confirmed: _confirmed, ...input }, signal) => desk.ports.updateForwarding(input, signal),
  'ports.updateActivation': ({ confirmed: _confirmed, ...input }, signal) => desk.ports.updateActivation(input, signal),
  'ports.export': (input, signal) => desk.ports.export(input, signal),
  'ports.track': (input, signal) => desk.ports.track(input, signal),
  'ports.untrack': (input) => desk.ports.untrack(input),
  'ports.notices': () => desk.ports.notices(),
  'ports.markNoticesSeen': (input) => desk.ports.markNoticesSeen(input),
  'ports.syncStatus': () => desk.portsBackground.status(),
})
