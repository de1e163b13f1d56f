/**
 * VoIP Innovations ports as the core's PortActions: isPortable (3.8) per number, and getPortDetails (3.10)
 * for ports the technician tracks by id, since the API cannot list them. Tracked ids are remembered per
 * account (AccountContext memo) and each sync reads them again. VI takes no port orders through its API.
 */
import type { PortOrder } from '../../../shared/domain'
import type { PortCheckLine } from '../../../shared/ports'
import { AppError, throwIfAborted } from '../../lib/app-error'
import { CarrierError } from '../../lib/carrier-error'
import type { AccountContext, CarrierPortDetail, PortActions, SyncPageInfo } from '../adapter'
import type { VoipInnovationsClient } from './client'
import { toPortOrder } from './mapping'

/** Memo key: the port ids this account tracks. */
export const trackedPortsMemo = 'trackedPorts'

const portIdOf = (value: string): number => {
  const id = Number(value.trim())
  if (!/^\d{1,12}$/.test(value.trim()) || !Number.isSafeInteger(id) || id <= 0) {
    throw new AppError('validation', `${value}: a VoIP Innovations port id is a whole number`, { fields: { portId: 'A whole number' } })
  }
  return id
}

/** A definite refusal of getPortDetails: VI answered, and does not know the port. */
const isRefusal = (error: unknown): boolean => error instanceof CarrierError && error.code === 'carrier' && !error.info.ambiguous

export interface VoipInnovationsPorts {
  actions: PortActions
  syncPorts(options: { signal: AbortSignal; onPage(rows: PortOrder[], info: SyncPageInfo): void }): Promise<void>
}

export function createVoipInnovationsPorts(options: { api: VoipInnovationsClient; accountId: string; context: AccountContext }): VoipInnovationsPorts {
  const { api, accountId, context } = options
  const tracked = (): string[] => {
    const value = context.memo.get(trackedPortsMemo)
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []
  }
  const read = async (portId: string, signal: AbortSignal): Promise<PortOrder> => {
    const { details } = await api.getPortDetails({ portId: portIdOf(portId), signal })
    return toPortOrder(details, { accountId, asOf: api.now() })
  }

  const actions: PortActions = {
    async check({ numbers, signal }): Promise<PortCheckLine[]> {
      const lines: PortCheckLine[] = []
      for (const e164 of numbers) {
        throwIfAborted(signal)
        if (!e164.startsWith('+1')) {
          lines.push({ e164, portable: false, message: 'VoIP Innovations ports US numbers only' })
          continue
        }
        const portable = await api.isPortable({ tn: e164, signal })
        lines.push(portable ? { e164, portable } : { e164, portable, message: 'VoIP Innovations cannot port this number in' })
      }
      return lines
    },

    async track({ portId, signal }) {
      const id = String(portIdOf(portId))
      let order: PortOrder
      try {
        order = await read(id, signal)
      } catch (error) {
        if (isRefusal(error)) throw new AppError('not-found', `VoIP Innovations does not know port ${id} (${(error as CarrierError).info.message})`)
        throw error
      }
      if (!tracked().includes(id)) context.memo.set(trackedPortsMemo, [...tracked(), id])
      return order
    },

    untrack({ portId }) {
      context.memo.set(
        trackedPortsMemo,
        tracked().filter((id) => id !== portId.trim()),
      )
    },

    async detail({ orderId, signal }): Promise<CarrierPortDetail> {
      const { details } = await api.getPortDetails({ portId: portIdOf(orderId), signal })
      const order = toPortOrder(details, { accountId, asOf: api.now() })
      const date = (value: string | undefined): string | undefined => value?.slice(0, 10)
      return {
        order,
        orders: [order],
        accountData: [
          { key: 'endUser', label: 'End user', value: details.endUser },
          { key: 'billingTN', label: 'Billing telephone number (BTN)', value: details.billingTN },
          { key: 'portingFrom', label: 'Porting from', value: details.portingFrom },
          { key: 'submittedDate', label: 'Submitted', value: date(details.submittedDate) },
          { key: 'requestedFocDate', label: 'Requested FOC date', value: date(details.requestedFocDate) },
          { key: 'focDate', label: 'FOC date', value: date(details.focDate) },
          { key: 'defaultEndpointGroup', label: 'Endpoint group', value: details.defaultEndpointGroup?.toString() },
        ],
        values: {},
        documents: [],
        rejection: order.status === 'rejected' ? { reason: 'VoIP Innovations rejected the port (its API gives no reason)', fields: [], details: [] } : undefined,
        asOf: api.now(),
      }
    },
  }

  return {
    actions,
    /** Every tracked port, read again; one VI no longer knows is left out (it stays tracked). */
    async syncPorts({ signal, onPage }) {
      const orders: PortOrder[] = []
      for (const id of tracked()) {
        throwIfAborted(signal)
        try {
          orders.push(await read(id, signal))
        } catch (error) {
          if (!isRefusal(error)) throw error
        }
      }
      onPage(orders, { page: 1, expectedRows: orders.length })
    },
  }
}
