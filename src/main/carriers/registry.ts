/**
 * The carrier registry: which adapters exist (one line per carrier), and their descriptions for the UI.
 * A carrier id that comes in from outside (an account to add, a filter) is checked here.
 */
import { reservedAccountKeys, type CarrierId, type CarrierInfo } from '../../shared/domain'
import { AppError } from '../lib/app-error'
import type { CarrierAdapter } from './adapter'
import { call48Adapter } from './call48/adapter'
import { nexogyAdapter } from './nexogy/adapter'
import { vitcomAdapter } from './vitcom/adapter'
import { voipInnovationsAdapter } from './voip-innovations/adapter'

/** The carriers CarrierDesk knows, in the order the UI and the CLI list them. */
const defaultAdapters: CarrierAdapter[] = [call48Adapter, vitcomAdapter, voipInnovationsAdapter, nexogyAdapter]

export class CarrierRegistry {
  private readonly adapters: Map<CarrierId, CarrierAdapter>

  constructor(adapters: CarrierAdapter[] = defaultAdapters) {
    for (const adapter of adapters) {
      const taken = adapter.settings.fields.find((field) => reservedAccountKeys.includes(field.key))
      // A setting must not shadow an account's own field where both sit side by side (its view, its inputs).
      if (taken) throw new Error(`${adapter.name} declares a setting "${taken.key}", a key every account has`)
    }
    this.adapters = new Map(adapters.map((adapter) => [adapter.id, adapter]))
  }

  /** The ids of the known carriers, in order. */
  ids(): CarrierId[] {
    return [...this.adapters.keys()]
  }

  /** The adapter of a carrier an account already has (an unknown one is a carrier this build no longer has). */
  get(id: CarrierId): CarrierAdapter {
    const adapter = this.adapters.get(id)
    if (!adapter) throw new AppError('not-found', `No adapter for carrier ${id}`)
    return adapter
  }

  /** The adapter of a carrier named in an input: an unknown id is a validation error naming the known ones. */
  require(id: string, field = 'carrier'): CarrierAdapter {
    const adapter = this.adapters.get(id)
    if (adapter) return adapter
    const message = `"${id.slice(0, 40)}" is not a carrier CarrierDesk knows (${this.ids().join(', ')})`
    throw new AppError('validation', `${field}: ${message}`, { fields: { [field]: message } })
  }

  list(): CarrierInfo[] {
    return [...this.adapters.values()].map(({ id, name, defaultBaseUrls, settings, secretFields, capabilities, paymentMethod, linkHosts, portForm, trunkForms, routingTrunk }) => ({
      id,
      name,
      defaultBaseUrls,
      fields: settings.fields,
      secretFields,
      capabilities,
      paymentMethod,
      linkHosts,
      portForm,
      trunkForms,
      routingTrunk,
    }))
  }
}
