/**
 * What an account's base URL may be, checked the same way by the contract (main) and the account form
 * (renderer): https anywhere; plain http only to this machine (127.0.0.0/8, localhost, [::1]), where the
 * Sandbox and local test servers live, because everything sent to a carrier carries credentials; and no
 * user name or password inside the URL, since the URL is stored in SQLite and shown on screen.
 */

/** Whether `hostname` (as `URL.hostname` gives it) is this machine's loopback interface. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/** Why `value` cannot be an account's base URL, or undefined when it can. */
export function baseUrlProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'Base URL must be an http(s) URL'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Base URL must be an http(s) URL'
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return 'Base URL must use https (plain http only to this machine: 127.0.0.1, localhost, [::1])'
  }
  if (url.username !== '' || url.password !== '') return 'Base URL must not contain a user name or password'
  return undefined
}

/**
 * The host a base URL sends to, as a person would name it: the host name, with `:port` when it is not the
 * scheme's default (`URL.host`). Undefined for text that is not a URL.
 */
export function baseUrlHost(value: string): string | undefined {
  try {
    return new URL(value).host.toLowerCase()
  } catch {
    return undefined
  }
}

/** Whether two base URLs send to different places (scheme, host or port differ). */
export function changesOrigin(from: string, to: string): boolean {
  try {
    return new URL(from).origin !== new URL(to).origin
  } catch {
    return true
  }
}
