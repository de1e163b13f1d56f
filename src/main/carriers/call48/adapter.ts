/**
 * Call48 API v4 adapter: connects an account to Call48Client (every v4 operation) and maps what the core
 * needs onto the domain model: numbers (paged `GET /dids` per type), OD trunk groups, port-in sub orders,
 * XDRs as call records, and the number actions (numbers.ts).
 *
 * The account's `scope` set to "admin" logs in at `/admin_login` (SP admins) instead of `/login`.
 */
import { accountSettings, type SettingsIn } from '../kit/settings'
import { carrierClock, carrierTimeZoneSetting } from '../kit/carrier-time'
import type { CarrierAdapter, CarrierClient } from '../adapter'
import type { CdrRecord, PhoneNumberRecord, PortOrder, TrunkGroup } from '../../../shared/domain'
import { throwIfAborted } from '../../lib/app-error'
import { Call48Client } from './client'
import { call48CustomerActions, signupCall48 } from './customers'
import { didPageSize, createNumberActions } from './numbers'
import { didTypeOfPort, mapDid, mapPortProposal, mapTrunkGroup, mapXdr } from './mapping'
import { call48PortForm } from './port-form'
import { createCall48PortActions } from './ports'
import type { Call48DidType } from './schemas'
import { call48ChangeProblem } from './change-rules'
import { call48TrunkActions, listAllTrunkGroups } from './trunk-actions'
import { call48RoutingTrunk, call48TrunkForms } from './trunk-form'
import { call48CachedFacts } from './cached-facts'

export { Call48Client } from './client'

/** Port requests per `view-list` page (the service's cap is not documented; 50 as its other listings). */
const portPageSize = 50
/** XDRs per page; the doc's example is 10, which would make a month of calls thousands of requests. */
const xdrPageSize = 500

/** Call48's account settings: the login's user name, and whether it is an SP admin login. */
const settings = accountSettings({
  username: { label: 'User name', required: true },
  scope: { label: 'Login as ("admin" for an SP admin login, blank for a customer)' },
  // The XDR query's from/to carry no zone (the doc's "2021-04-01 00:00").
  timeZone: carrierTimeZoneSetting,
})

export const call48Adapter: CarrierAdapter<SettingsIn<typeof settings>> = {
  id: 'call48',
  name: 'Call48',
  // The doc names only the live endpoint; there is no documented staging host.
  defaultBaseUrls: { production: 'https://apicontrol.call48.com/api/v4' },
  settings,
  cachedFacts: call48CachedFacts,
  secretFields: [{ key: 'password', label: 'Password' }],
  capabilities: [
    'numbers.list',
    'numbers.search',
    'numbers.purchase',
    'numbers.bulkOrder',
    'numbers.release',
    'numbers.routing',
    'numbers.cnam',
    'numbers.e911',
    'numbers.listing411',
    'numbers.fax',
    'numbers.addressVerify',
    'trunks.list',
    'trunks.manage',
    'ports.list',
    'ports.check',
    'ports.submit',
    'ports.documents',
    'ports.edit',
    'ports.cancel',
    'ports.delete',
    'ports.activate',
    'ports.forwarding',
    'ports.export',
    'cdrs.records',
    'billing.payments',
    'customers.manage',
    'accounts.signup',
  ],
  paymentMethod: 'on-file',
  changeProblem: call48ChangeProblem,
  portForm: call48PortForm,
  trunkForms: call48TrunkForms,
  routingTrunk: call48RoutingTrunk,
  connect(account, secrets): CarrierClient {
    const now = Date.now
    const client = new Call48Client({ settings: account, secrets, now })
    const accountId = account.id

    return {
      async testConnection({ signal }) {
        const admin = account.scope?.trim().toLowerCase() === 'admin'
        await (admin ? client.adminLogin({ signal }) : client.login({ signal }))
        return { message: `Logged in to Call48 as ${account.username ?? ''}${admin ? ' (SP admin)' : ''}` }
      },

      async syncNumbers({ signal, onPage }) {
        // The next page is asked for as soon as this one has come, so the carrier answers it while this one is
        // mapped and staged. Leaving early (cancelled, a page failed to stage) drops the page asked for ahead.
        const ahead = new AbortController()
        const pageSignal = AbortSignal.any([signal, ahead.signal])
        const ask = (type: Call48DidType, page: number): ReturnType<typeof client.listDids> => {
          const answer = client.listDids({ type, page, max: didPageSize, signal: pageSignal })
          // Awaited in turn below; one asked for ahead and then dropped must not be an unhandled rejection.
          answer.catch(() => undefined)
          return answer
        }
        const types: Call48DidType[] = ['local', 'toll', 'intl']
        let pages = 0
        let rowsBefore = 0
        try {
          let next = ask(types[0]!, 1)
          for (const [index, type] of types.entries()) {
            let seen = 0
            for (let page = 1; ; page += 1) {
              throwIfAborted(signal)
              const { dids, total } = await next
              seen += dids.length
              const more = dids.length >= didPageSize && (total === undefined || seen < total)
              const nextType = types[index + 1]
              if (more) next = ask(type, page + 1)
              else if (nextType !== undefined) next = ask(nextType, 1)
              const asOf = now()
              const rows = dids.map((did) => mapDid(did, accountId, asOf)).filter((row): row is PhoneNumberRecord => row !== undefined)
              if (dids.length > 0) {
                pages += 1
                onPage(rows, { page: pages, expectedRows: total === undefined ? undefined : rowsBefore + total })
              }
              if (!more) break
            }
            rowsBefore += seen
          }
        } finally {
          ahead.abort()
        }
      },

      async syncTrunks({ signal }): Promise<TrunkGroup[]> {
        const groups = await listAllTrunkGroups(client, signal)
        const asOf = now()
        return groups.map((group) => mapTrunkGroup(group, accountId, asOf))
      },

      async syncPorts({ signal, onPage }) {
        for (let page = 1; ; page += 1) {
          throwIfAborted(signal)
          const { requests, total, hasMore } = await client.listPorts({ page, limit: portPageSize, signal })
          const orders: PortOrder[] = []
          for (const request of requests) {
            for (const proposal of request.port_proposals) {
              // The listing gives counts only; the numbers are per sub order.
              const dids = await client.listPortDids({ portProposalId: proposal.port_proposal_id, signal })
              orders.push(mapPortProposal(request, proposal, dids, didTypeOfPort(request), accountId, now()))
            }
          }
          if (orders.length > 0 || page === 1) onPage(orders, { page, expectedRows: undefined })
          if (!hasMore || requests.length === 0 || page * portPageSize >= total) return
        }
      },

      /**
       * XDRs that started in [from, to): the query takes minutes in the carrier's zone, its end included, so
       * it asks for the minutes covering the range and keeps the records inside it.
       */
      async syncCdrRecords({ signal, onPage, from, to }) {
        const clock = carrierClock(account.timeZone)
        const query = { from: clock.format(from), to: clock.format(to - 1) }
        let seen = 0
        for (let page = 1; ; page += 1) {
          throwIfAborted(signal)
          const { xdrs, total } = await client.listXdrs({ ...query, page, max: xdrPageSize, signal })
          seen += xdrs.length
          const records: CdrRecord[] = xdrs.map((xdr) => mapXdr(xdr, accountId)).filter((record) => record.startedAt >= from && record.startedAt < to)
          if (records.length > 0 || page === 1) onPage(records, { page, expectedRows: total })
          if (xdrs.length < xdrPageSize || seen >= total) return
        }
      },

      numbers: createNumberActions({ client, accountId, now }),
      trunks: call48TrunkActions(client, accountId, now),

      ports: createCall48PortActions({ client, accountId, now }),

      billing: {
        /** Charges the card on file at Call48 (`GET /payment?amount=`), which answers only `data: true`. */
        async pay({ amount, signal }) {
          await client.makePayment({ amount, signal })
          return { message: `Call48 accepted a payment of $${amount.toFixed(2)}` }
        },
      },

      customers: call48CustomerActions(client, accountId, now),
    }
  },
  signup: (options) => signupCall48(options),
}
