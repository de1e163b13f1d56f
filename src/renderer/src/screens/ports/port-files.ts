/**
 * Port documents and bodies as the screen builds them: a chosen file read and checked by its content and
 * size before anything is sent (the core checks again), and a carrier's submit body laid out from its
 * form's dotted field keys (`port_req_detail.btn`).
 */
import type { PortDocumentInput } from '../../../../shared/ipc-shared'
import { portDocumentProblem } from '../../../../shared/port-documents'
import type { PortFormSpec } from '../../../../shared/ports'

function base64Of(bytes: Uint8Array): string {
  let binary = ''
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000))
  return btoa(binary)
}

/** The file as a document of `kind`, or why the carrier would refuse it. */
export async function readPortDocument(file: File, kind: string, form: PortFormSpec): Promise<{ document?: PortDocumentInput; problem?: string }> {
  if (file.size > form.maxDocumentBytes) return { problem: `${file.name}: ${(file.size / 1_048_576).toFixed(1)} MB; at most ${(form.maxDocumentBytes / 1_048_576).toFixed(0)} MB` }
  const bytes = new Uint8Array(await file.arrayBuffer())
  const problem = portDocumentProblem(bytes, form.documentTypes, form.maxDocumentBytes)
  if (problem) return { problem: `${file.name}: ${problem}` }
  return { document: { kind, name: file.name, contentBase64: base64Of(bytes) } }
}

type Body = Record<string, string | string[] | Record<string, string>>

/** A body from field values by dotted key (blank values left out), one level of nesting. */
export function bodyOf(values: Record<string, string>, extra: Record<string, string[]> = {}): Body {
  const body: Body = { ...extra }
  for (const [key, raw] of Object.entries(values)) {
    const value = raw.trim()
    if (value === '') continue
    const [head, tail] = key.split('.', 2) as [string, string | undefined]
    if (tail === undefined) body[head] = value
    else body[head] = { ...((body[head] as Record<string, string> | undefined) ?? {}), [tail]: value }
  }
  return body
}
