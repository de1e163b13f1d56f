/** Temporary data directories for tests, removed afterwards. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function tempDir(prefix = 'carrierdesk-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** Fails fast with a clear message when the tests run outside the private keyring session. */
export function requireKeyring(): void {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error('These tests need a Secret Service: run them with `npm test` (scripts/with-keyring.mjs)')
  }
}
