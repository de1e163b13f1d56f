/**
 * Long-running work the renderer started (bulk changes, purchases, exports), by the job id it chose, so it
 * can be cancelled and its progress followed. Cancellation takes effect between batches, never inside a
 * carrier call that may already have taken effect.
 */
import { AppError } from '../lib/app-error'
import { settleWithin } from './settle'

interface RunningJob {
  controller: AbortController
  /** Settles when the job's work has ended, whatever its outcome. */
  settled: Promise<unknown>
}

export class Jobs {
  private readonly running = new Map<string, RunningJob>()
  private closed = false

  /** Runs `work` as job `jobId`; a second job with the same id is refused, and any job once closing. */
  async run<T>(jobId: string, parent: AbortSignal, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.closed) throw new AppError('cancelled', 'CarrierDesk is closing; no new job starts')
    if (this.running.has(jobId)) throw new AppError('conflict', `Job ${jobId} is already running`)
    const controller = new AbortController()
    const onAbort = (): void => controller.abort()
    parent.addEventListener('abort', onAbort, { once: true })
    const job: RunningJob = { controller, settled: Promise.resolve() }
    this.running.set(jobId, job)
    try {
      const pending = work(controller.signal)
      job.settled = pending.then(
        () => undefined,
        () => undefined,
      )
      return await pending
    } finally {
      parent.removeEventListener('abort', onAbort)
      this.running.delete(jobId)
    }
  }

  cancel(jobId: string): boolean {
    const job = this.running.get(jobId)
    job?.controller.abort()
    return job !== undefined
  }

  /**
   * Refuses new jobs, cancels the running ones and waits (at most `timeoutMs`) for their work to end: each
   * stops at its next batch boundary, after writing what it did to the activity log.
   */
  async close(timeoutMs = 5_000): Promise<void> {
    this.closed = true
    const jobs = [...this.running.values()]
    for (const job of jobs) job.controller.abort()
    await settleWithin(
      jobs.map((job) => job.settled),
      timeoutMs,
    )
  }
}
