/**
 * The prepaid balance (WSDL: GetPrepaidBalance), answering a NumericResponse whose Amount is an
 * xs:decimal in US dollars. The decimal is kept as written beside its value so money is never rounded
 * on the way to the screen.
 */
import { type ClientConstructor, type Signal } from './client-base'
import { NumericResponseSchema } from './schemas'

export interface PrepaidBalance {
  /** US dollars. */
  amount: number
  /** The decimal as VI wrote it ("187.45"). */
  decimal: string
  /** When it was read (the client's clock). */
  asOf: number
}

export function withPrepaidBalance<Base extends ClientConstructor>(base: Base) {
  return class PrepaidBalanceOperations extends base {
    async getPrepaidBalance(options: Signal): Promise<PrepaidBalance> {
      const operation = 'GetPrepaidBalance'
      const answer = this.expectSuccess(operation, await this.invoke(operation, {}, NumericResponseSchema, { signal: options.signal, kind: 'read' }))
      return { amount: Number(answer.Amount), decimal: answer.Amount, asOf: this.now() }
    }
  }
}
