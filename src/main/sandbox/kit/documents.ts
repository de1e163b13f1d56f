/**
 * What kind of file an upload really is, read from its first bytes rather than its name or declared type,
 * as a carrier's portal checks port documents (LOAs, copies of bills) before accepting them.
 */
export type DocumentKind = 'pdf' | 'png' | 'jpg' | 'zip' | 'tif'

const signatures: [DocumentKind, number[]][] = [
  ['pdf', [0x25, 0x50, 0x44, 0x46]],
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpg', [0xff, 0xd8, 0xff]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['tif', [0x49, 0x49, 0x2a, 0x00]],
]

export function documentKindOf(bytes: Uint8Array): DocumentKind | undefined {
  return signatures.find(([, magic]) => magic.every((byte, index) => bytes[index] === byte))?.[0]
}

/** The extension a file name ends with, lower case (`jpeg` read as `jpg`), or undefined. */
export function extensionOf(name: string): string | undefined {
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase()
  return extension === 'jpeg' ? 'jpg' : extension
}
