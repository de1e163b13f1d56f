/** The call records area's channels (src/shared/contract/cdrs.ts) bound to the core. */
import type { cdrsChannels } from '../../../shared/contract/names/cdrs'
import type { AreaHandlers, HandlerDeps } from './handler'

export const cdrsHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof cdrsChannels> => ({
  'cdrs.files': (input) => desk.store.cdrs.files(input.accountId),
  'cdrs.records': (input) => ({
    rows: desk.store.cdrs.records(input),
    total: desk.store.cdrs.countRecords(input.accountId),
  }),
  'cdrs.download': (input, signal) => desk.cdrs.download(input, signal),
  'cdrs.export': (input, signal) => desk.cdrs.exportRecords(input, signal),
})
