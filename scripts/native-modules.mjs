#!/usr/bin/env node
/**
 * Makes the native addons (better-sqlite3, keytar) match the runtime about to use them:
 *   node scripts/native-modules.mjs node       before tests, benchmarks and the CLI (Node's ABI)
 *   node scripts/native-modules.mjs electron   before the app (Electron's ABI)
 *
 * Each build is kept in node_modules/.cache/carrierdesk-native/<runtime>-<abi>/, so switching between
 * `npm test` and `npm start` is a file copy after the first build of each, not a rebuild.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const addons = [
  { name: 'better-sqlite3', file: 'node_modules/better-sqlite3/build/Release/better_sqlite3.node' },
  { name: 'keytar', file: 'node_modules/keytar/build/Release/keytar.node' },
]
const cacheRoot = join(root, 'node_modules/.cache/carrierdesk-native')
const stampFile = join(cacheRoot, 'current.json')

const runtime = process.argv[2]
if (runtime !== 'node' && runtime !== 'electron') {
  console.error('usage: native-modules.mjs node|electron')
  process.exit(2)
}

const readStamp = () => (existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, 'utf8')).target : undefined)
const writeStamp = (target) => {
  mkdirSync(cacheRoot, { recursive: true })
  writeFileSync(stampFile, JSON.stringify({ target }))
}
const present = () => addons.every((addon) => existsSync(join(root, addon.file)))
const cached = (target) => addons.every((addon) => existsSync(join(cacheRoot, target, addon.name + '.node')))

function save(target) {
  mkdirSync(join(cacheRoot, target), { recursive: true })
  for (const addon of addons) copyFileSync(join(root, addon.file), join(cacheRoot, target, addon.name + '.node'))
}

function restore(target) {
  for (const addon of addons) {
    mkdirSync(dirname(join(root, addon.file)), { recursive: true })
    copyFileSync(join(cacheRoot, target, addon.name + '.node'), join(root, addon.file))
  }
}

/** Whether the addons in place load in this Node (the authoritative check for the node runtime). */
function loadsInNode() {
  const probe = spawnSync(process.execPath, ['-e', "require('better-sqlite3'); require('keytar')"], {
    cwd: root,
    encoding: 'utf8',
  })
  return probe.status === 0
}

function rebuild(env) {
  console.error(`[native-modules] building ${addons.map((a) => a.name).join(', ')} for ${runtime} (about 90 s)...`)
  const result = spawnSync('npm', ['rebuild', ...addons.map((a) => a.name)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  })
  if (result.status !== 0) {
    console.error('[native-modules] the build failed. On Debian/Ubuntu it needs: build-essential python3 libsecret-1-dev')
    process.exit(1)
  }
}

if (runtime === 'node') {
  const target = `node-${process.versions.modules}`
  if (present() && loadsInNode()) {
    if (!cached(target)) save(target)
    writeStamp(target)
    process.exit(0)
  }
  const previous = readStamp()
  if (previous && previous !== target && present() && !cached(previous)) save(previous)
  if (cached(target)) restore(target)
  if (!present() || !loadsInNode()) rebuild({ npm_config_runtime: 'node', npm_config_target: process.versions.node })
  if (!loadsInNode()) {
    console.error('[native-modules] the addons still do not load in Node; try `npm ci`.')
    process.exit(1)
  }
  save(target)
  writeStamp(target)
} else {
  const electronVersion = require('electron/package.json').version
  const target = `electron-${electronVersion}`
  if (readStamp() === target && present()) process.exit(0)
  const previous = readStamp() ?? (loadsInNode() ? `node-${process.versions.modules}` : undefined)
  if (previous && previous !== target && present()) save(previous)
  if (cached(target)) {
    restore(target)
  } else {
    rebuild({
      npm_config_runtime: 'electron',
      npm_config_target: electronVersion,
      npm_config_disturl: 'https://electronjs.org/headers',
      npm_config_build_from_source: 'true',
    })
    save(target)
  }
  writeStamp(target)
}
