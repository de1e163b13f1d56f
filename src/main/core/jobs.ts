/**
 * Long-running work the renderer started (bulk changes, purchases, exports), by the job id it chose, so it
 * can be cancelled and its progress followed. Cancellation takes effect between batches, never inside a
 * carrier call that may already have taken effect.
 */
import { AppError } from './app-error'

export class Jobs {
  private readonly running = new Map<string, AbortController>()

  /** Runs `work` as job `jobId`; a second job with the same id is refused. */
  async run<T>(jobId: string, parent: AbortSignal, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.running.has(jobId)) throw new AppError('conflict', `Job ${jobId} is already running`)
    const controller = new AbortController()
    const onAbort = (): void => controller.abort()
    parent.addEventListener('abort', onAbort, { once: true })
    this.running.set(jobId, controller)
    try {
      return await work(controller.signal)
    } finally {
      parent.removeEventListener('abort', onAbort)
      this.running.delete(jobId)
    }
  }

  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId)
    controller?.abort()
    return controller !== undefined
  }
}
