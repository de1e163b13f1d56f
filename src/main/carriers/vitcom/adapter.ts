/**
 * Vitcom / TelecomCloud adapter: form POSTs with `token` and `accountno` in every body (no login; the API
 * token is a secret kept in the keychain). Connects an account to a VitcomClient and maps the part the
 * core needs (sync, search, cart and orders, changes, release) onto the shared domain model.
 */
import { accountSettings, type SettingsIn } from '../kit/settings'
import { carrierTimeZoneSetting } from '../kit/carrier-time'
import type { Capability, CdrFile, TrunkGroup } from '../../../shared/domain'
import type { CarrierAdapter, CarrierClient, NumberActions } from '../adapter'
import { vitcomBillingActions } from './billing'
import { vitcomChangeProblem } from './change-rules'
import { readVitcomCdrFile } from './cdr-file'
import { VitcomClient } from './client'
import { toCdrFiles, toNumberRecord, toOriginationTrunk, toPortOrder, toTerminationTrunk } from './mapping'
import { VitcomNumberActions } from './number-actions'
import { createVitcomPortActions, vitcomPortForm } from './ports'
import { vitcomTrafficActions } from './traffic'
import { vitcomTrunkActions } from './trunk-actions'
import { vitcomRoutingTrunk, vitcomTrunkForms } from './trunk-form'

export { VitcomClient } from './client'

/** The actions as plain functions, so callers may take them off the object without losing `this`. */
function bindActions(actions: VitcomNumberActions): NumberActions {
  return {
    search: (options) => actions.search(options),
    reserve: (options) => actions.reserve(options),
    purchase: (options) => actions.purchase(options),
    bulkOrder: (options) => actions.bulkOrder(options),
    bulkOrderStatus: (options) => actions.bulkOrderStatus(options),
    release: (options) => actions.release(options),
    change: (options) => actions.change(options),
    read: (options) => actions.read(options),
  }
}

const capabilities: Capability[] = [
  'numbers.list',
  'numbers.search',
  'numbers.reserve',
  'numbers.purchase',
  'numbers.bulkOrder',
  'numbers.release',
  'numbers.routing',
  'numbers.status',
  'numbers.cnam',
  'trunks.list',
  'trunks.manage',
  'trunks.traffic',
  'numbers.traffic',
  'ports.list',
  'ports.check',
  'ports.submit',
  'cdrs.files',
  'billing.invoices',
  'billing.payments',
  'billing.balance',
  'billing.ledger',
  'billing.paymentHistory',
]

/** Rows per onPage batch of the streamed number list. */
export const numbersBatchSize = 5_000

/** Vitcom's account settings: the account number every form carries, and the zone its CDR files' times are in. */
const settings = accountSettings({
  accountNo: { label: 'Account number', required: true },
  timeZone: carrierTimeZoneSetting,
})

export const vitcomAdapter: CarrierAdapter<SettingsIn<typeof settings>> = {
  id: 'vitcom',
  name: 'Vitcom / TelecomCloud',
  // The only host public client code uses (carrier-docs README); the doc names no staging host.
  defaultBaseUrls: { production: 'https://customer.vitcom.net/api/did' },
  settings,
  secretFields: [{ key: 'token', label: 'API token' }],
  capabilities,
  changeProblem: vitcomChangeProblem,
  paymentMethod: 'card',
  portForm: vitcomPortForm,
  trunkForms: vitcomTrunkForms,
  routingTrunk: vitcomRoutingTrunk,
  connect(account, secrets, context): CarrierClient {
    const client = new VitcomClient({ baseUrl: account.baseUrl, accountNo: account.accountNo, secrets })
    const mappingContext = () => ({ accountId: account.id, asOf: client.now() })
    return {
      /** The cheapest authenticated read: the states with DIDs for sale. */
      async testConnection({ signal }) {
        const states = await client.stateAvailability({ signal })
        return { message: `Vitcom account ${account.accountNo ?? ''} answered (${states.length} states with numbers for sale)` }
      },

      /** getnumbers is unpaged: it is streamed and handed on in batches of 5,000. */
      async syncNumbers({ signal, onPage }) {
        let page = 0
        const asOf = client.now()
        await client.streamMyNumbers({
          signal,
          batchSize: numbersBatchSize,
          onBatch: (rows) => {
            page += 1
            onPage(rows.map((row) => toNumberRecord(row, { accountId: account.id, asOf })), { page })
          },
        })
      },

      /** Origination and termination trunk groups. */
      async syncTrunks({ signal }): Promise<TrunkGroup[]> {
        const [origination, termination] = await Promise.all([client.getTrunks({ signal }), client.getTerminationTrunks({ signal })])
        const context = mappingContext()
        return [...origination.map((trunk) => toOriginationTrunk(trunk, context)), ...termination.map((trunk) => toTerminationTrunk(trunk, context))]
      },

      /** LNP orders (one unpaged listing). */
      async syncPorts({ signal, onPage }) {
        const orders = await client.getLnpOrders({ signal })
        const context = mappingContext()
        onPage(
          orders.map((order) => toPortOrder(order, context)),
          { page: 1, expectedRows: orders.length },
        )
      },

      /** Daily CDR file listings of both directions for `[from, to]`. */
      async syncCdrFiles({ from, to, signal }): Promise<CdrFile[]> {
        const [origination, termination] = await Promise.all([client.dailyCdrs({ from, to, signal }), client.dailyCdrsTermination({ from, to, signal })])
        const context = mappingContext()
        return [
          ...origination.flatMap((row) => toCdrFiles(row, 'origination', context)),
          ...termination.flatMap((row) => toCdrFiles(row, 'termination', context)),
        ]
      },

      /** A daily CDR file (downloaded, or one the user has) read into call records. */
      readCdrFile: (options) => readVitcomCdrFile({ ...options, timeZone: options.timeZone ?? account.timeZone, accountId: account.id }),

      async downloadCdrFile({ cdr, file, signal, onProgress }) {
        const { bytes } = await client.downloadCdrFile({ url: cdr.url, file, signal, onProgress })
        return { file, bytes }
      },

      numbers: bindActions(new VitcomNumberActions(client, account.id, context)),
      trunks: vitcomTrunkActions(client, mappingContext),
      traffic: vitcomTrafficActions(client),

      billing: vitcomBillingActions(client, account.id),
      ports: createVitcomPortActions({ client, accountId: account.id }),
    }
  },
}
