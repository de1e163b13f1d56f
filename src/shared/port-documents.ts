/**
 * What a port document (an LOA, a copy of a bill) really is, read from its first bytes rather than its name,
 * as the carriers check them: the renderer checks a chosen file before it is sent, the core again before it
 * goes to the carrier.
 */
export type PortDocumentType = 'pdf' | 'png' | 'jpg' | 'zip' | 'tif'

const signatures: [PortDocumentType, number[]][] = [
  ['pdf', [0x25, 0x50, 0x44, 0x46]],
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpg', [0xff, 0xd8, 0xff]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['tif', [0x49, 0x49, 0x2a, 0x00]],
  ['tif', [0x4d, 0x4d, 0x00, 0x2a]],
]

export function portDocumentTypeOf(bytes: Uint8Array): PortDocumentType | undefined {
  return signatures.find(([, magic]) => magic.every((byte, index) => bytes[index] === byte))?.[0]
}

/** Why a document cannot be sent to a carrier that takes `types` up to `maxBytes`, or undefined when it can. */
export function portDocumentProblem(bytes: Uint8Array, types: readonly string[], maxBytes: number): string | undefined {
  if (bytes.length === 0) return 'The file is empty'
  if (bytes.length > maxBytes) return `The file is ${(bytes.length / 1_048_576).toFixed(1)} MB; at most ${(maxBytes / 1_048_576).toFixed(0)} MB`
  const type = portDocumentTypeOf(bytes)
  if (!type || !types.includes(type)) return `The file is not a ${types.map((each) => each.toUpperCase()).join(', ')} document (checked by its content)`
  return undefined
}
