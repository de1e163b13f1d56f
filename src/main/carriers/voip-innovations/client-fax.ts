/**
 * Fax to e-mail of owned numbers (WSDL: GetFaxToEmail, SetFaxToEmail, RemoveFaxToEmail), answering a
 * FaxToEmailResponse: faxes received on the number are delivered to the address as attachments.
 * Changes are sent once and settled by GetFaxToEmail after a lost answer.
 */
import { tenDigits, type ClientConstructor, type Settled, type Signal } from './client-base'
import { FaxToEmailResponseSchema } from './schemas'

export interface FaxToEmail {
  tn: string
  /** Undefined when faxes to the number are not sent to e-mail. */
  email: string | undefined
}

export function withFaxToEmail<Base extends ClientConstructor>(base: Base) {
  return class FaxToEmailOperations extends base {
    async getFaxToEmail(options: Signal & { tn: string }): Promise<FaxToEmail> {
      const operation = 'GetFaxToEmail'
      const tn = tenDigits(options.tn)
      const answer = this.expectSuccess(operation, await this.invoke(operation, { tn }, FaxToEmailResponseSchema, { signal: options.signal, kind: 'read' }))
      return { tn, email: answer.Email?.trim() || undefined }
    }

    /** Sends faxes received on the number to `email` (replacing any address set before). */
    setFaxToEmail(options: Signal & { tn: string; email: string }): Promise<FaxToEmail & Settled> {
      const operation = 'SetFaxToEmail'
      const tn = tenDigits(options.tn)
      const email = options.email.trim()
      return this.settle(
        async () => {
          const answer = this.expectSuccess(
            operation,
            await this.invoke(operation, { tn, email }, FaxToEmailResponseSchema, { signal: options.signal, kind: 'mutation' }),
          )
          return { tn, email: answer.Email?.trim() || email }
        },
        async () => {
          const now = await this.getFaxToEmail({ tn, signal: options.signal })
          return now.email?.toLowerCase() === email.toLowerCase() ? now : undefined
        },
      )
    }

    removeFaxToEmail(options: Signal & { tn: string }): Promise<FaxToEmail & Settled> {
      const operation = 'RemoveFaxToEmail'
      const tn = tenDigits(options.tn)
      return this.settle(
        async () => {
          this.expectSuccess(operation, await this.invoke(operation, { tn }, FaxToEmailResponseSchema, { signal: options.signal, kind: 'mutation' }))
          return { tn, email: undefined }
        },
        async () => {
          const now = await this.getFaxToEmail({ tn, signal: options.signal })
          return now.email === undefined ? now : undefined
        },
      )
    }
  }
}
