/** What a test reads back from the files the app wrote (SQLite, its WAL, exports, downloads). */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'

/** Every file under a directory, at any depth. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** Fails naming the file when any of the secrets is found, byte for byte, in a file under the directory. */
export function expectNoSecretsUnder(dir: string, secrets: readonly string[]): void {
  const files = filesUnder(dir)
  expect(files.length).toBeGreaterThan(0)
  for (const file of files) {
    const bytes = readFileSync(file)
    for (const secret of secrets) expect(bytes.includes(secret), `${file} holds a secret`).toBe(false)
  }
}
