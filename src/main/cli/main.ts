/** Entry point of the `carrierdesk` command (built to out/main/cli.js). */
import { runCli } from './program'

const stopSignal = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve())
  process.once('SIGTERM', () => resolve())
})

void runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stopSignal,
}).then((code) => {
  process.exitCode = code
  // Pending stdin readers or signal listeners must not keep a finished command alive.
  process.stdin.destroy()
  setImmediate(() => process.exit(code))
})
