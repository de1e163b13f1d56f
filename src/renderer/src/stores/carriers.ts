/** The static carrier catalogue (`carriers.list`): names, form fields, default URLs, capabilities. */
import { create } from 'zustand'
import type { CarrierId, CarrierInfo } from '../../../shared/domain'
import { call } from '../bridge'
import { notifyError } from '../notify'

interface CarriersState {
  carriers: CarrierInfo[]
  loaded: boolean
  load: () => Promise<void>
}

export const useCarriersStore = create<CarriersState>()((set) => ({
  carriers: [],
  loaded: false,
  load: async () => {
    try {
      const carriers = await call('carriers.list', {})
      set({ carriers, loaded: true })
    } catch (error) {
      notifyError('Could not load the carrier list', error)
    }
  },
}))

/** Display name of a carrier, falling back to its id while the catalogue loads. */
export function carrierName(carriers: CarrierInfo[], id: CarrierId | undefined): string {
  if (!id) return '—'
  return carriers.find((carrier) => carrier.id === id)?.name ?? id
}
