/** Entry point of the `carrierdesk` command (built to out/main/cli.js). */
import { join } from 'node:path'
import { flushed } from './output'
import { runCli } from './program'

const stopSignal = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve())
  process.once('SIGTERM', () => resolve())
})

// A reader that closes the pipe early (`| head`) makes writes fail with EPIPE: the command sees it and stops
// (runCli), and the late failures of writes still queued must not surface as a crash with a stack.
process.stdout.on('error', () => undefined)
process.stderr.on('error', () => undefined)

void runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stopSignal,
  // Built beside this bundle (electron.vite.config.ts): syncs run in worker threads.
  syncWorker: join(__dirname, 'sync-worker.js'),
}).then(async (code) => {
  process.exitCode = code
  // Pending stdin readers or signal listeners must not keep a finished command alive, but the output must
  // reach the reader first: into a pipe, writes are asynchronous and exiting drops what is still queued.
  process.stdin.destroy()
  await Promise.all([flushed(process.stdout), flushed(process.stderr)])
  process.exit(code)
})
