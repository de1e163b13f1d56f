/**
 * Outbound CNAM display names (WSDL: GetCNAMDisplay, UpdateCNAMDisplay, RemoveCNAM), answering a
 * CNAMResponse. The mutations raise an ambiguous CarrierError when their answer is lost; the adapter
 * settles them with getCnamDisplay.
 */
import { tenDigits, type ClientConstructor, type Signal } from './client-base'
import { CnamResponseSchema } from './schemas'

export function withCnam<Base extends ClientConstructor>(base: Base) {
  return class CnamOperations extends base {
    /** The outbound CNAM display name stored for an owned number; undefined when none is stored. */
    async getCnamDisplay(options: Signal & { tn: string }): Promise<string | undefined> {
      const operation = 'GetCNAMDisplay'
      const answer = this.expectSuccess(
        operation,
        await this.invoke(operation, { tn: tenDigits(options.tn) }, CnamResponseSchema, { signal: options.signal, kind: 'read' }),
      )
      return answer.DisplayName?.trim() || undefined
    }

    /** Stores an outbound CNAM display name (the CNAM databases keep at most 15 characters). */
    async updateCnamDisplay(options: Signal & { tn: string; name: string }): Promise<void> {
      const operation = 'UpdateCNAMDisplay'
      this.expectSuccess(
        operation,
        await this.invoke(operation, { tn: tenDigits(options.tn), name: options.name }, CnamResponseSchema, {
          signal: options.signal,
          kind: 'mutation',
        }),
      )
    }

    async removeCnam(options: Signal & { tn: string }): Promise<void> {
      const operation = 'RemoveCNAM'
      this.expectSuccess(
        operation,
        await this.invoke(operation, { tn: tenDigits(options.tn) }, CnamResponseSchema, { signal: options.signal, kind: 'mutation' }),
      )
    }
  }
}
