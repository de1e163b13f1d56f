/** Colours of a client's lifecycle, shared by the list and the drawer. */
import type { ClientStatus } from '../../../../shared/clients'

export const clientStatusColors: Record<ClientStatus, string> = { created: 'blue', active: 'teal', suspended: 'orange', cancelled: 'gray' }
