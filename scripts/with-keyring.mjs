#!/usr/bin/env node
/**
 * Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so tests use a real
 * Secret Service without touching the user's own keychain. XDG dirs point inside the checkout (.tmp/).
 *   node scripts/with-keyring.mjs vitest run
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const command = process.argv.slice(2)
if (command.length === 0) {
  console.error('usage: with-keyring.mjs <command> [args...]')
  process.exit(2)
}

const missing = ['dbus-run-session', 'gnome-keyring-daemon', 'secret-tool'].filter(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0,
)
if (missing.length > 0) {
  console.error(
    `Missing ${missing.join(', ')}. Install them with:\n  sudo apt-get install -y dbus gnome-keyring libsecret-tools`,
  )
  process.exit(1)
}

// One directory per run, so parallel runs (several terminals, CI jobs) never share or delete a keyring.
const base = join(root, '.tmp', `keyring-${process.pid}`)
rmSync(base, { recursive: true, force: true })
const dirs = { XDG_DATA_HOME: 'data', XDG_CONFIG_HOME: 'config', XDG_CACHE_HOME: 'cache', XDG_RUNTIME_DIR: 'runtime' }
const env = { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` }
for (const [name, dir] of Object.entries(dirs)) {
  env[name] = join(base, dir)
  mkdirSync(env[name], { recursive: true, mode: 0o700 })
}

const script = 'echo -n carrierdesk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"'
const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', script, 'sh', ...command], {
  cwd: root,
  env,
  stdio: 'inherit',
})
rmSync(base, { recursive: true, force: true })
process.exit(result.status ?? 1)
