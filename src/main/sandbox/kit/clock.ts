/**
 * The Sandbox's simulated clock. It runs with real time and tests can jump it forward, so token expiry,
 * 30-minute reservations, port progress and FOC dates can be exercised without waiting.
 */
export interface SimClock {
  /** Milliseconds since the epoch, simulated. */
  now(): number
  /** Moves simulated time forward. */
  advance(milliseconds: number): void
}

export function createSimClock(start: number = Date.now()): SimClock {
  let offset = start - Date.now()
  return {
    now: () => Date.now() + offset,
    advance: (milliseconds) => {
      if (!Number.isFinite(milliseconds) || milliseconds < 0) {
        throw new Error('The clock only moves forward by a finite number of milliseconds')
      }
      offset += milliseconds
    },
  }
}
