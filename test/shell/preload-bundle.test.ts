/**
 * A sandboxed preload can only require('electron'): the built preload must be one CommonJS file that
 * requires nothing else, and must expose exactly one object.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

describe('the built preload', () => {
  const source = readFileSync(join(__dirname, '../../out/preload/index.cjs'), 'utf8')

  it('requires nothing but electron', () => {
    const required = [...new Set([...source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]))]
    expect(required).toEqual(['electron'])
  })

  it('exposes one object, window.carrierdesk', () => {
    const exposed = [...source.matchAll(/exposeInMainWorld\(\s*["']([^"']+)["']/g)].map((match) => match[1])
    expect(exposed).toEqual(['carrierdesk'])
    expect(source).not.toMatch(/exposeInMainWorld\(\s*["']ipcRenderer/)
  })
})
