/** The clients area's channels (src/shared/contract/clients.ts) bound to the core. */
import type { clientsChannels } from '../../../shared/contract/names/clients'
import { AppError } from '../../lib/app-error'
import type { AreaHandlers, HandlerDeps } from './handler'

export const clientsHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof clientsChannels> => ({
  'clients.list': (input) => desk.clients.list(input),
  'clients.adopt': ({ accountId, ...input }, signal) => desk.clients.adopt({ account: accountId, ...input }, signal),
  'clients.create': ({ accountId, client }, signal) => desk.clients.create({ account: accountId, client }, signal),
  'clients.setStatus': ({ accountId, confirmed: _confirmed, ...input }, signal) => desk.clients.setStatus({ account: accountId, ...input }, signal),
  'clients.setBillingDate': ({ accountId, confirmed: _confirmed, ...input }, signal) =>
    desk.clients.setStartBillingDate({ account: accountId, ...input }, signal),
  'clients.refresh': ({ accountId, clientId }, signal) => desk.clients.refresh({ account: accountId, clientId }, signal),
  'clients.device': ({ accountId, confirmed: _confirmed, ...input }, signal) => desk.clients.device({ account: accountId, ...input }, signal),
  'clients.revealKey': async ({ accountId, ...input }) => {
    const key = await desk.clients.deviceKey({ account: accountId, ...input })
    if (key === undefined) throw new AppError('not-found', 'No key is stored for this device; read the device first')
    return { key }
  },
  'clients.offerDetails': ({ offerId, client }) => desk.buying.attachPurchaseDetails({ offerId, details: client }),
})
