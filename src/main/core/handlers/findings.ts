/** The findings area's channels (src/shared/contract/findings.ts) bound to the core. */
import type { findingsChannels } from '../../../shared/contract/names/findings'
import type { AreaHandlers, HandlerDeps } from './handler'

export const findingsHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof findingsChannels> => ({
  'findings.list': () => desk.findings.settled(),
  'findings.refresh': () => desk.findings.compute(),
  'findings.dismiss': (input) => desk.findings.dismiss(input),
  'findings.reopen': (input) => desk.findings.reopen(input),
})
