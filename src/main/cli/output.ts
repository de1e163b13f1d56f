/**
 * Standard output as the CLI writes it: streamed in chunks of about 64 KiB, waiting for the pipe when it is
 * full (`write()` returned false, so 'drain' is awaited), which keeps a listing of a million numbers to a few
 * chunks of memory however slowly the reader reads. A reader that goes away (`| head`) stops the command with
 * `OutputClosedError` instead of a stack trace.
 */
import type { Writable } from 'node:stream'

/** Exit status when the reader of standard output closed it early: 128 + SIGPIPE, as Unix tools answer. */
export const outputClosedExitCode = 141

/** Standard output was closed by its reader (EPIPE): nothing more can be written, and nobody is listening. */
export class OutputClosedError extends Error {
  constructor() {
    super('Standard output was closed by its reader')
    this.name = 'OutputClosedError'
  }
}

const chunkSize = 64 * 1024

export function isClosed(stream: Writable): boolean {
  return stream.destroyed || stream.writableEnded || stream.errored !== null
}

/** Resolves once the stream has taken its buffered data ('drain'); rejects when it closes or fails first. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (closed: boolean): void => {
      stream.off('drain', onDrain)
      stream.off('close', onGone)
      stream.off('error', onGone)
      if (closed) reject(new OutputClosedError())
      else resolve()
    }
    const onDrain = (): void => settle(false)
    const onGone = (): void => settle(true)
    stream.on('drain', onDrain)
    stream.on('close', onGone)
    stream.on('error', onGone)
  })
}

export class StreamingOutput {
  private pending = ''

  constructor(private readonly stream: Writable) {}

  /** Adds text; once about a chunk is gathered it is written, waiting while the reader is behind. */
  async write(text: string): Promise<void> {
    this.pending += text
    if (this.pending.length >= chunkSize) await this.flush()
  }

  /** Writes what is gathered, waiting for 'drain' if the stream's buffer is full. */
  async flush(): Promise<void> {
    if (isClosed(this.stream)) throw new OutputClosedError()
    const chunk = this.pending
    this.pending = ''
    if (chunk !== '' && !this.stream.write(chunk)) await drained(this.stream)
  }
}

/**
 * Resolves when everything written to the stream so far has been handed to the OS (or the stream is gone):
 * a process must not exit before that, or a pipe's reader gets cut-short output.
 */
export function flushed(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    if (isClosed(stream)) {
      resolve()
      return
    }
    const done = (): void => {
      stream.off('close', done)
      stream.off('error', done)
      resolve()
    }
    stream.once('close', done)
    stream.once('error', done)
    // Writes complete in order: the callback of an empty write runs once every earlier write has.
    stream.write('', done)
  })
}
