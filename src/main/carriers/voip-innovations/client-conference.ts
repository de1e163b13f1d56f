/**
 * The conference line of an owned number (WSDL: GetConferenceLine, SetConferenceLine,
 * RemoveConferenceLine), answering a DIDResponse whose ConferenceLine says whether callers to the number
 * reach a conference bridge and its PIN.
 *
 * The PIN is a secret: it is answered only by getConferenceLine, never echoed in results or errors, and
 * must not be cached (CarrierDesk keeps secrets in the keychain or in memory only).
 */
import { tenDigits, type ClientConstructor, type Settled, type Signal } from './client-base'

export interface ConferenceLine {
  tn: string
  enabled: boolean
  /** Only from getConferenceLine, and only while enabled. */
  pin?: string | undefined
}

export function withConferenceLine<Base extends ClientConstructor>(base: Base) {
  return class ConferenceLineOperations extends base {
    async getConferenceLine(options: Signal & { tn: string }): Promise<ConferenceLine> {
      const tn = tenDigits(options.tn)
      const { answer } = await this.oneDid('GetConferenceLine', tn, { tn }, { signal: options.signal, kind: 'read' })
      const line = answer.ConferenceLine
      if (line === undefined || line === '') return { tn, enabled: false }
      return { tn, enabled: line.Enabled, pin: line.Enabled ? line.PIN : undefined }
    }

    /** Turns the number into a conference line entered with `pin` (or changes the PIN). */
    setConferenceLine(options: Signal & { tn: string; pin: string }): Promise<ConferenceLine & Settled> {
      const tn = tenDigits(options.tn)
      const pin = options.pin.trim()
      return this.settle(
        async () => {
          await this.oneDid('SetConferenceLine', tn, { tn, pin }, { signal: options.signal, kind: 'mutation' })
          return { tn, enabled: true }
        },
        async () => {
          const now = await this.getConferenceLine({ tn, signal: options.signal })
          return now.enabled && now.pin === pin ? { tn, enabled: true } : undefined
        },
      )
    }

    removeConferenceLine(options: Signal & { tn: string }): Promise<ConferenceLine & Settled> {
      const tn = tenDigits(options.tn)
      return this.settle(
        async () => {
          await this.oneDid('RemoveConferenceLine', tn, { tn }, { signal: options.signal, kind: 'mutation' })
          return { tn, enabled: false }
        },
        async () => ((await this.getConferenceLine({ tn, signal: options.signal })).enabled ? undefined : { tn, enabled: false }),
      )
    }
  }
}
