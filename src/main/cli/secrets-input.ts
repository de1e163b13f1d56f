/**
 * Secrets given on standard input (`accounts add --secrets-stdin`): one JSON object of strings, at most
 * 64 KiB. Every error here says what is wrong and quotes nothing: the input is a secret, and so is any part
 * of it (JSON.parse's own message quotes the text it stopped at, and a key may be a mistyped password).
 */
import type { Readable } from 'node:stream'
import type { AccountSecrets, SecretKey } from '../../shared/domain'
import { AppError } from '../lib/app-error'
import type { CliIo } from './context'

const maxBytes = 64 * 1024
const maxSecretLength = 4096

const invalid = (message: string): AppError => new AppError('validation', `--secrets-stdin: ${message}`)

async function readAtMost(stream: Readable, limit: number, tooBig = (): AppError => invalid('secrets must be a JSON object of at most 64 KiB')): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    const buffer = Buffer.from(chunk as Buffer)
    size += buffer.length
    if (size > limit) {
      stream.destroy()
      throw tooBig()
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

/** Asks for each secret on the terminal without echoing it. */
export async function promptSecrets(io: CliIo, keys: string[]): Promise<Record<string, string>> {
  const { createInterface } = await import('node:readline/promises')
  const secrets: Record<string, string> = {}
  for (const key of keys) {
    const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true })
    const muted = rl as unknown as { _writeToOutput?: (text: string) => void }
    io.stderr.write(`${key}: `)
    muted._writeToOutput = () => undefined
    secrets[key] = (await rl.question('')).trim()
    rl.close()
    io.stderr.write('\n')
  }
  return secrets
}


/**
 * One secret for a command (a new login's password): from standard input with `fromStdin` (the whole input,
 * one trailing newline dropped), prompted without echo on a terminal, refused otherwise. Never quoted.
 */
export async function readOneSecret(io: CliIo, options: { flag: string; name: string; fromStdin: boolean }): Promise<string> {
  let secret: string
  const tooLong = (): AppError => new AppError('validation', `${options.flag}: the ${options.name} must be 1 to ${maxSecretLength} characters`)
  if (options.fromStdin) secret = (await readAtMost(io.stdin, maxSecretLength + 2, tooLong)).replace(/\r?\n$/, '')
  else if (io.stdin.isTTY) secret = (await promptSecrets(io, [options.name]))[options.name] ?? ''
  else throw new AppError('validation', `${options.flag}: give the ${options.name} on standard input`)
  if (secret.length === 0 || secret.length > maxSecretLength) throw tooLong()
  return secret
}

/** A JSON object on standard input (a card for one payment), checked by the caller; nothing of it is ever quoted. */
export async function readJsonObject(stream: Readable, flag: string): Promise<Record<string, unknown>> {
  const text = await readAtMost(stream, maxBytes, () => new AppError('validation', `${flag}: at most 64 KiB`))
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new AppError('validation', `${flag}: expected a JSON object`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AppError('validation', `${flag}: expected a JSON object`)
  return value as Record<string, unknown>
}
