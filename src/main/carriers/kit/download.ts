/**
 * Downloads (CDR files, invoices, reports) stream to disk: into `<file>.part`, renamed to `<file>` only when
 * complete, so a failed or cancelled download never leaves a file that looks whole, and nothing is held in
 * memory whole.
 */
import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { AxiosInstance } from 'axios'
import type { CarrierId } from '../../../shared/domain'
import { AppError } from '../../lib/app-error'
import { CarrierError } from '../../lib/carrier-error'

export interface DownloadOptions {
  carrier: CarrierId
  operation: string
  /** Absolute, or relative to the instance's base URL. */
  url: string
  /** Where the finished file goes. */
  file: string
  signal: AbortSignal
  onProgress?(progress: { bytes: number; totalBytes?: number | undefined }): void
  timeoutMs?: number
}

export async function downloadToFile(
  http: AxiosInstance,
  options: DownloadOptions,
): Promise<{ file: string; bytes: number; contentType?: string | undefined }> {
  const part = `${options.file}.part`
  await mkdir(dirname(options.file), { recursive: true })
  let response
  try {
    response = await http.request<Readable>({
      method: 'GET',
      url: options.url,
      responseType: 'stream',
      signal: options.signal,
      timeout: options.timeoutMs ?? 120_000,
    })
  } catch (error) {
    if (options.signal.aborted) throw new AppError('cancelled', 'Cancelled')
    throw new CarrierError('network', {
      carrier: options.carrier,
      operation: options.operation,
      message: `The download could not start (${error instanceof Error ? error.message : String(error)})`,
      retryable: true,
    })
  }
  if (response.status !== 200) {
    response.data.destroy()
    throw new CarrierError('carrier', {
      carrier: options.carrier,
      operation: options.operation,
      httpStatus: response.status,
      message: `The download answered HTTP ${response.status}`,
      retryable: response.status >= 500 || response.status === 429,
    })
  }
  const total = Number(response.headers['content-length'])
  const totalBytes = Number.isFinite(total) && total > 0 ? total : undefined
  let bytes = 0
  response.data.on('data', (chunk: Buffer) => {
    bytes += chunk.length
    options.onProgress?.({ bytes, totalBytes })
  })
  try {
    await pipeline(response.data, createWriteStream(part), { signal: options.signal })
    if (totalBytes !== undefined && bytes !== totalBytes) {
      throw new CarrierError('network', {
        carrier: options.carrier,
        operation: options.operation,
        message: `The download ended after ${bytes} of ${totalBytes} bytes`,
        retryable: true,
      })
    }
    await rename(part, options.file)
  } catch (error) {
    await rm(part, { force: true })
    if (options.signal.aborted) throw new AppError('cancelled', 'Cancelled')
    if (error instanceof CarrierError) throw error
    throw new CarrierError('network', {
      carrier: options.carrier,
      operation: options.operation,
      message: `The download failed (${error instanceof Error ? error.message : String(error)})`,
      retryable: true,
    })
  }
  const contentType = response.headers['content-type']
  return { file: options.file, bytes, contentType: typeof contentType === 'string' ? contentType : undefined }
}
