/**
 * The shared `ClientActions` for a Nexogy account: the remembered clients as views (with the devices seen
 * for each), creating, adopting, the lifecycle by client id, the start billing date, a fresh status read and
 * devices. Every call goes through the adapter's own operations, so the same rules hold whichever door a
 * technician uses (numbers, the cart, the clients view).
 */
import type { ClientActions } from '../adapter'
import type { ClientCreation as ClientCreationView, ClientView, DeviceView } from '../../../shared/clients'
import { AppError } from '../../lib/app-error'
import { e164OfDigits, type DeviceView as NexogyDeviceView } from './mapping'
import type { NewResidentialClient } from './inputs'
import { cancelClient, changeClientStatus, type ActionableClient, type LifecycleDeps } from './lifecycle'
import type { DeviceMemo, RememberedClient, RememberedDevice } from './memo'
import type { ClientCreation, NexogyOperations } from './adapter'

export interface ClientActionsDeps extends LifecycleDeps {
  accountId: string
  devices: DeviceMemo
  operations: Pick<NexogyOperations, 'createClient' | 'adoptClient' | 'updateStartBillingDate' | 'device' | 'readDeviceKey'>
  /** Reads the client's domain status now and remembers what it implies. */
  observe(client: RememberedClient, signal: AbortSignal): Promise<{ client: RememberedClient }>
}

export function deviceViewOfMemo(device: RememberedDevice): DeviceView {
  return {
    clientId: typeof device.clientRef === 'number' ? device.clientRef : undefined,
    extension: device.extension,
    aor: device.aor,
    domain: device.domain,
    registrationServers: device.registrationServers,
    // Remembered only once its key went to the keychain.
    keyStored: true,
    seenAt: device.seenAt,
  }
}

export function clientViewOf(accountId: string, client: RememberedClient, devices: RememberedDevice[]): ClientView {
  const own = devices.filter((device) => (client.id !== undefined && device.clientRef === client.id) || (client.domain !== undefined && device.clientRef === client.domain))
  return {
    accountId,
    id: client.id,
    domain: client.domain,
    didNumber: client.didNumber,
    e164: e164OfDigits(client.didNumber),
    status: client.status,
    origin: client.origin,
    name: client.name,
    startBillingDate: client.startBillingDate,
    rememberedAt: client.rememberedAt,
    statusCheckedAt: client.statusCheckedAt,
    devices: own.map(deviceViewOfMemo).sort((a, b) => a.extension.localeCompare(b.extension)),
  }
}

export function nexogyClientActions(deps: ClientActionsDeps): ClientActions {
  const { accountId, memo, devices, operations } = deps
  const view = (client: RememberedClient): ClientView => clientViewOf(accountId, client, devices.all())

  function known(clientId: number): ActionableClient {
    const client = memo.byId(clientId)
    if (!client) throw new AppError('not-found', `CarrierDesk does not know Nexogy client ${clientId}; adopt it first`)
    return { ...client, id: clientId }
  }

  const creationView = (creation: ClientCreation): ClientCreationView => ({
    created: creation.created,
    client: creation.client ? view(creation.client) : undefined,
    checkedAfterFailure: creation.checkedAfterFailure,
    outcomeUnknown: creation.outcomeUnknown,
    message: creation.message,
  })

  const deviceView = (device: NexogyDeviceView): DeviceView => ({
    clientId: device.clientId,
    extension: device.extension,
    aor: device.aor,
    domain: device.domain,
    registrationServers: device.registrationServers,
    keyStored: true,
    seenAt: deps.now(),
  })

  return {
    known: () => memo.all().map(view),
    async adopt({ clientId, number, domain, signal }) {
      return view(await operations.adoptClient({ clientId, didNumber: number, domain, signal }))
    },
    async create({ client, signal }) {
      return creationView(await operations.createClient({ client: client as NewResidentialClient, signal }))
    },
    async setStatus({ clientId, action, signal }) {
      const client = known(clientId)
      return action === 'cancel'
        ? cancelClient(deps, client, signal)
        : changeClientStatus(deps, client, action === 'activate' ? 'active' : 'suspended', signal)
    },
    async setStartBillingDate({ clientId, startBillingDate, signal }) {
      const client = known(clientId)
      await operations.updateStartBillingDate({ clientId, startBillingDate, signal })
      return view(memo.update(client.didNumber, { startBillingDate: startBillingDate.trim() }) ?? client)
    },
    async refresh({ clientId, signal }) {
      return view((await deps.observe(known(clientId), signal)).client)
    },
    async device({ clientId, extension, signal }) {
      known(clientId)
      return deviceView(await operations.device({ clientId, extension, signal }))
    },
    deviceKey: ({ clientId, extension }) => operations.readDeviceKey({ clientId, extension }),
  }
}
