/**
 * The built main process loads the simulators only when the Sandbox is opened: neither out/main/index.js
 * nor any chunk it requires at start carries simulator code, which sits in its own chunk behind a lazy
 * require. Run after `npx electron-vite build`.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'

const mainDir = join(__dirname, '../../out/main')
/** Code only the simulators have: the WSDL they serve and the function that starts them. */
const simulatorMarkers = ['<wsdl:definitions', 'function startSandbox(']

/** Requires at the top of a file (loaded with it) and requires inside `() => require(...)` (loaded later). */
function requiresOf(file: string): { eager: string[]; lazy: string[] } {
  const source = readFileSync(file, 'utf8')
  const resolve = (path: string | undefined): string => join(dirname(file), path ?? '')
  return {
    eager: [...source.matchAll(/^(?:const|let|var) \w+ = require\("(\.{1,2}\/[^"]+)"\);?$/gm)].map((match) => resolve(match[1])),
    lazy: [...source.matchAll(/=>\s*require\("(\.{1,2}\/[^"]+)"\)/g)].map((match) => resolve(match[1])),
  }
}

/** index.js and every file it requires eagerly, transitively. */
function startupFiles(): string[] {
  const seen = new Set<string>()
  const visit = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    requiresOf(file).eager.forEach(visit)
  }
  visit(join(mainDir, 'index.js'))
  return [...seen]
}

describe('the built main process', () => {
  const startup = startupFiles()

  it('carries no simulator code in what the app loads at start', () => {
    expect(startup.length).toBeGreaterThan(1)
    for (const file of startup) {
      const source = readFileSync(file, 'utf8')
      for (const marker of simulatorMarkers) expect({ file, has: source.includes(marker) }).toEqual({ file, has: false })
    }
  })

  it('requires the simulators lazily, from a chunk of their own', () => {
    const lazy = [...new Set(startup.flatMap((file) => requiresOf(file).lazy))].filter((file) => !startup.includes(file))
    const withSimulators = lazy.filter((file) => simulatorMarkers.every((marker) => readFileSync(file, 'utf8').includes(marker)))
    expect(withSimulators).toHaveLength(1)
    expect(withSimulators[0]).toMatch(/[/\\]chunks[/\\]sandbox-[\w-]+\.js$/)
  })
})
