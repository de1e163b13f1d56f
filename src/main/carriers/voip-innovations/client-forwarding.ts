/**
 * Call forwarding and failover of owned numbers (WSDL: GetDIDForward, SetDIDForward, RemoveDIDForward,
 * GetDIDFailover, UpdateDIDFailover), each answering a DIDResponse with the number's DID line.
 *
 * Forwarding sends every call to another number instead of the endpoint group; failover is where calls
 * go when the endpoint group does not answer. Both destinations are ten-digit numbers. Changes are sent
 * once and settled by reading the number back after a lost answer.
 */
import { tenDigits, type ClientConstructor, type Settled, type Signal } from './client-base'

export interface DidForwarding {
  tn: string
  /** Ten digits; undefined when calls are not forwarded. */
  forward: string | undefined
}

export interface DidFailover {
  tn: string
  /** Ten digits; undefined when no failover is set. */
  failover: string | undefined
}

const destination = (value: string | undefined): string | undefined => (value ? tenDigits(value) : undefined)

export function withForwarding<Base extends ClientConstructor>(base: Base) {
  return class ForwardingOperations extends base {
    /** Where calls to the number are forwarded, if anywhere. */
    async getDidForward(options: Signal & { tn: string }): Promise<DidForwarding> {
      const tn = tenDigits(options.tn)
      const { did } = await this.oneDid('GetDIDForward', tn, { tn }, { signal: options.signal, kind: 'read' })
      return { tn, forward: destination(did.forward) }
    }

    /** Forwards every call to the number to `forward` (ten digits). */
    setDidForward(options: Signal & { tn: string; forward: string }): Promise<DidForwarding & Settled> {
      const tn = tenDigits(options.tn)
      const forward = tenDigits(options.forward)
      return this.settle(
        async () => {
          await this.oneDid('SetDIDForward', tn, { tn, forward }, { signal: options.signal, kind: 'mutation' })
          return { tn, forward }
        },
        async () => {
          const now = await this.getDidForward({ tn, signal: options.signal })
          return now.forward === forward ? now : undefined
        },
      )
    }

    /**
     * Stops forwarding; calls go to the endpoint group again, or to `endpointGroup` when given (the
     * WSDL's `epgId`).
     */
    removeDidForward(options: Signal & { tn: string; endpointGroup?: number | undefined }): Promise<DidForwarding & Settled> {
      const tn = tenDigits(options.tn)
      const epgId = options.endpointGroup === undefined ? undefined : String(options.endpointGroup)
      return this.settle(
        async () => {
          await this.oneDid('RemoveDIDForward', tn, { tn, epgId }, { signal: options.signal, kind: 'mutation' })
          return { tn, forward: undefined }
        },
        async () => {
          const now = await this.getDidForward({ tn, signal: options.signal })
          return now.forward === undefined ? now : undefined
        },
      )
    }

    /** Where calls go when the endpoint group does not answer, if anywhere. */
    async getDidFailover(options: Signal & { tn: string }): Promise<DidFailover> {
      const tn = tenDigits(options.tn)
      const { did } = await this.oneDid('GetDIDFailover', tn, { tn }, { signal: options.signal, kind: 'read' })
      return { tn, failover: destination(did.failover) }
    }

    /**
     * Sets the failover number; undefined or '' clears it (the WSDL has no RemoveDIDFailover: an empty
     * `failover` is how it is removed).
     */
    updateDidFailover(options: Signal & { tn: string; failover: string | undefined }): Promise<DidFailover & Settled> {
      const tn = tenDigits(options.tn)
      const failover = destination(options.failover)
      return this.settle(
        async () => {
          await this.oneDid('UpdateDIDFailover', tn, { tn, failover: failover ?? '' }, { signal: options.signal, kind: 'mutation' })
          return { tn, failover }
        },
        async () => {
          const now = await this.getDidFailover({ tn, signal: options.signal })
          return now.failover === failover ? now : undefined
        },
      )
    }
  }
}
