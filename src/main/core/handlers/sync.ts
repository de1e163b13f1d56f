/** The sync area's channels (src/shared/contract/sync.ts) bound to the core. */
import type { syncChannels } from '../../../shared/contract/names/sync'
import type { AreaHandlers, HandlerDeps } from './handler'

export const syncHandlers = ({ desk, log }: HandlerDeps): AreaHandlers<typeof syncChannels> => ({
  'sync.start': (input) => {
    const run = desk.sync.start(input)
    // The renderer follows progress through events; the outcome lands in each account's last sync and in
    // `sync.finished`. `done` does not reject; this only keeps a broken promise from going unseen.
    run.done.catch((error: unknown) => log(error instanceof Error ? `${error.name}: ${error.message}` : typeof error))
    return { runId: run.runId }
  },
})
