/** The change sets area's channels (src/shared/contract/changes.ts) bound to the core. */
import type { changesChannels } from '../../../shared/contract/names/changes'
import type { NumberEdit } from '../../../shared/number-edits'
import type { AreaHandlers, HandlerDeps } from './handler'

export const changesHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof changesChannels> => ({
  'changes.list': () => desk.changeSets.list(),
  'changes.get': (input) => desk.changeSets.get(input),
  'changes.create': (input) => desk.changeSets.create(input),
  'changes.rename': (input) => desk.changeSets.rename(input),
  'changes.delete': (input) => desk.changeSets.delete(input),
  'changes.stage': (input) => desk.changeSets.stage({ ...input, edit: input.edit as NumberEdit }),
  'changes.unstage': (input) => desk.changeSets.unstage(input),
  'changes.check': (input) => desk.changeSets.check(input),
  'changes.apply': ({ confirmed: _confirmed, ...input }, signal) => desk.changeSets.apply(input, signal),
  'changes.revert': (input) => desk.changeSets.revert(input),
  'changes.export': (input, signal) => desk.changeSets.export(input, signal),
  'changes.import': (input) => desk.changeSets.import(input),
})
