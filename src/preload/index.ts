/**
 * The preload: exposes one narrow, typed object, `window.carrierdesk`, and nothing else. The renderer
 * never sees ipcRenderer itself, so it can only speak the channels of the contract.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { cancelChannelName, channelNames, eventChannelName, eventNames, invokeChannelName, isRequestId, type Channel, type EventName } from '../shared/ipc-names'
import type { CarrierDeskBridge } from '../shared/ipc-shared'

const bridge: CarrierDeskBridge = {
  invoke(channel, input, requestId) {
    if (!(channelNames as readonly Channel[]).includes(channel)) return Promise.reject(new Error(`Unknown channel ${String(channel)}`))
    return requestId === undefined
      ? ipcRenderer.invoke(invokeChannelName(channel), input)
      : ipcRenderer.invoke(invokeChannelName(channel), input, requestId)
  },
  cancel(requestId) {
    if (isRequestId(requestId)) ipcRenderer.send(cancelChannelName, requestId)
  },
  subscribe(event, listener) {
    if (!(eventNames as readonly EventName[]).includes(event)) throw new Error(`Unknown event ${String(event)}`)
    const name = eventChannelName(event)
    const wrapped = (_event: unknown, payload: Parameters<typeof listener>[0]): void => listener(payload)
    ipcRenderer.on(name, wrapped)
    return () => {
      ipcRenderer.removeListener(name, wrapped)
    }
  },
}

contextBridge.exposeInMainWorld('carrierdesk', bridge)
