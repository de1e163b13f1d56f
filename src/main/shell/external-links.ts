/**
 * The links the renderer may open in the user's browser (through `window.open`): https only, on the
 * default port, with no credentials in the URL, to a host on this list, matched exactly (no subdomains).
 * Anything else is dropped, so a page that goes wrong cannot send the technician anywhere it likes.
 * No Electron import here: the shell asks, a test can hold the list still.
 */
import { knownCarriers } from '../core/carriers'

/**
 * The hosts the carriers' own documents name, as their adapters declare them: the hosts of their default
 * base URLs (their APIs' hosts, which serve their portals and documents too) and any other link host.
 */
export const carrierLinkHosts: readonly string[] = knownCarriers().flatMap((carrier) => [
  ...Object.values(carrier.defaultBaseUrls).map((url) => new URL(url).hostname),
  ...(carrier.linkHosts ?? []),
])

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
