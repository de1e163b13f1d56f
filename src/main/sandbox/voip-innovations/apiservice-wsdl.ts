/**
 * The VoIP Innovations Back Office WSDL exactly as the service publishes it (APIService.wsdl beside this file,
 * a verbatim copy of carrier-docs/voip-innovations/wsdl/APIService.wsdl, CRLF line endings and all), bundled
 * as text with Vite's `?raw` so the built app serves it without reading files. `wsdlFor` rewrites the service
 * address to the simulator.
 */
import shippedWsdl from './APIService.wsdl?raw'

/** The published WSDL with both service addresses (SOAP 1.1 and 1.2 ports) pointing at `location`. */
export function wsdlFor(location: string): string {
  return shippedWsdl.replace(
    /(<soap(?:12)?:address location=")[^"]*(")/g,
    (_match, open: string, close: string) => `${open}${escapeAttribute(location)}${close}`,
  )
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}
