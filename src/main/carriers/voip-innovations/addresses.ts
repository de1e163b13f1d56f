/** A domain E911 address in the WSDL's fields (insert911, update911, validate911, addLocation). */
import type { E911Address } from '../../../shared/domain'
import type { Address911 } from './client'

/** A ZIP+4 is split into zip and plusFour, as the WSDL has them. */
export function toAddress911(address: E911Address): Address911 {
  const [zip = '', plusFour] = address.zip.trim().split('-')
  return {
    address1: address.street,
    address2: address.unit,
    city: address.city,
    state: address.state,
    zip,
    plusFour,
    callerName: address.callerName,
  }
}
