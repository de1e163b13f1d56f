/**
 * The links the renderer may open in the user's browser (through `window.open`): https only, on the
 * default port, with no credentials in the URL, to a host on this list, matched exactly (no subdomains).
 * Anything else is dropped, so a page that goes wrong cannot send the technician anywhere it likes.
 * No Electron import here: the shell asks, a test can hold the list still.
 */

/** The hosts the carriers' own documents name: their portals and API hosts. */
export const carrierLinkHosts = [
  'apicontrol.call48.com',
  'customer.vitcom.net',
  'backoffice.voipinnovations.com',
  'staging.api.nexogy.com',
] as const

/** CarrierDesk's own pages; it publishes none yet (add the host here when it does). */
export const projectLinkHosts: readonly string[] = []

const allowedHosts = new Set<string>([...carrierLinkHosts, ...projectLinkHosts])

export function isAllowedExternalUrl(text: string): boolean {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return false
  }
  return url.protocol === 'https:' && url.port === '' && url.username === '' && url.password === '' && allowedHosts.has(url.hostname)
}
