/**
 * The rules' evaluation in the findings worker (worker.ts): one thread per evaluation, its answer the
 * rules' outcomes; a worker that fails or exits without answering rejects with the reason. The thread
 * never keeps the process alive (a CLI command ends when its work does), and `stop` ends it early.
 */
import { Worker } from 'node:worker_threads'
import { AppError } from '../../lib/app-error'
import type { RuleOutcome } from './evaluate'
import type { FindingsWorkerInput } from './worker'

export interface AwayEvaluation {
  outcomes: Promise<RuleOutcome[]>
  stop(): void
}

export function evaluateAway(script: string, input: FindingsWorkerInput): AwayEvaluation {
  const worker = new Worker(script, { workerData: input })
  worker.unref()
  const outcomes = new Promise<RuleOutcome[]>((resolve, reject) => {
    let answered = false
    worker.once('message', (answer: RuleOutcome[]) => {
      answered = true
      resolve(answer)
      void worker.terminate()
    })
    worker.once('error', (error) => reject(new AppError('internal', `The findings worker stopped: ${error.message}`)))
    worker.once('exit', (code) => {
      if (!answered) reject(new AppError('internal', `The findings worker exited (code ${code}) without an answer`))
    })
  })
  return { outcomes, stop: () => void worker.terminate() }
}
