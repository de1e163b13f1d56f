/**
 * Secrets given on standard input (`accounts add --secrets-stdin`): one JSON object of strings, at most
 * 64 KiB. Every error here says what is wrong and quotes nothing: the input is a secret, and so is any part
 * of it (JSON.parse's own message quotes the text it stopped at, and a key may be a mistyped password).
 */
import type { Readable } from 'node:stream'
import type { AccountSecrets, SecretKey } from '../../shared/domain'
import { AppError } from '../lib/app-error'

const maxBytes = 64 * 1024
const maxSecretLength = 4096

const invalid = (message: string): AppError => new AppError('validation', `--secrets-stdin: ${message}`)

async function readAtMost(stream: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    const buffer = Buffer.from(chunk as Buffer)
    size += buffer.length
    if (size > limit) {
      stream.destroy()
      throw invalid('secrets must be a JSON object of at most 64 KiB')
    }
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Reads and checks the secrets (only the `names` the carrier takes); empty input means none (the account then says which it needs). */
export async function readSecretsJson(stream: Readable, names: readonly SecretKey[]): Promise<AccountSecrets> {
  const text = await readAtMost(stream, maxBytes)
  if (text.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    // Not the parser's message: it quotes the input.
    throw invalid('secrets must be a JSON object')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('secrets must be a JSON object')
  const secrets: AccountSecrets = {}
  for (const [key, secret] of Object.entries(value)) {
    if (!names.includes(key)) throw invalid(`secrets must be a JSON object with only the keys ${names.join(', ')}`)
    if (typeof secret !== 'string' || secret.length === 0 || secret.length > maxSecretLength) {
      throw invalid(`secrets must be a JSON object of strings (1 to ${maxSecretLength} characters each)`)
    }
    secrets[key] = secret
  }
  return secrets
}
