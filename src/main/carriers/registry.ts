/** The carrier registry: which adapters exist, and their descriptions for the UI. */
import type { CarrierId, CarrierInfo } from '../../shared/domain'
import { AppError } from '../lib/app-error'
import type { CarrierAdapter } from './adapter'
import { call48Adapter } from './call48/adapter'
import { nexogyAdapter } from './nexogy/adapter'
import { vitcomAdapter } from './vitcom/adapter'
import { voipInnovationsAdapter } from './voip-innovations/adapter'

export class CarrierRegistry {
  private readonly adapters: Map<CarrierId, CarrierAdapter>

  constructor(adapters: CarrierAdapter[] = [call48Adapter, vitcomAdapter, voipInnovationsAdapter, nexogyAdapter]) {
    this.adapters = new Map(adapters.map((adapter) => [adapter.id, adapter]))
  }

  get(id: CarrierId): CarrierAdapter {
    const adapter = this.adapters.get(id)
    if (!adapter) throw new AppError('not-found', `No adapter for carrier ${id}`)
    return adapter
  }

  list(): CarrierInfo[] {
    return [...this.adapters.values()].map(({ id, name, defaultBaseUrls, fields, secretFields, capabilities, paymentMethod }) => ({
      id,
      name,
      defaultBaseUrls,
      fields,
      secretFields,
      capabilities,
      paymentMethod,
    }))
  }
}
