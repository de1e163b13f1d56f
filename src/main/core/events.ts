/** A typed event hub for main-to-renderer events; front doors subscribe and forward. */
import type { EventName, IpcEvents } from '../../shared/ipc-shared'

type Listener<E extends EventName> = (payload: IpcEvents[E]) => void

export class EventHub {
  private readonly listeners = new Map<EventName, Set<Listener<never>>>()

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(event) ?? new Set()
    set.add(listener as Listener<never>)
    this.listeners.set(event, set)
    return () => set.delete(listener as Listener<never>)
  }

  emit<E extends EventName>(event: E, payload: IpcEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        ;(listener as Listener<E>)(payload)
      } catch {
        // One broken listener must not stop the others or the work that emitted.
      }
    }
  }
}
