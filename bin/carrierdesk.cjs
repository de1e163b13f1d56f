#!/usr/bin/env node
// The `carrierdesk` command runs the built core (out/main/cli.js) under Node.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const built = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(built)) {
  process.stderr.write('error [internal]: CarrierDesk is not built yet; run `npm run build` first.\n')
  process.exit(1)
}
require(built)
