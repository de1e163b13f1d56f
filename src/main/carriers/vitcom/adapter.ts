/**
 * Vitcom / TelecomCloud adapter: form POSTs with `token` and `accountno` in every body.
 * The full client grows here; today: the connection test (the cheapest authenticated read).
 */
import { z } from 'zod'
import type { CarrierAdapter } from '../adapter'
import { CarrierError, createCarrierHttp, parseJsonBody, send } from '../kit/http'

// Treat a call as failed unless status is "200"/"201" and no `error` key is present (carrier-docs README).
const Answer = z.object({ status: z.coerce.string(), error: z.unknown().optional() }).passthrough()

export const vitcomAdapter: CarrierAdapter = {
  id: 'vitcom',
  name: 'Vitcom / TelecomCloud',
  defaultBaseUrls: { production: 'https://customer.vitcom.net/api/did' },
  fields: [{ key: 'accountNo', label: 'Account number', required: true }],
  secretFields: [{ key: 'token', label: 'API token' }],
  capabilities: [],
  connect(account, secrets) {
    const http = createCarrierHttp({ baseUrl: account.baseUrl })
    return {
      async testConnection({ signal }) {
        const operation = 'availabilitystate'
        const body = new URLSearchParams({ token: secrets.token ?? '', accountno: account.accountNo ?? '' })
        const response = await send(
          http,
          {
            method: 'POST',
            url: operation,
            data: body.toString(),
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          },
          { carrier: 'vitcom', operation, signal, kind: 'read' },
        )
        const parsed = Answer.safeParse(parseJsonBody(response, { carrier: 'vitcom', operation }))
        if (!parsed.success || !['200', '201'].includes(parsed.data.status) || parsed.data.error !== undefined) {
          throw new CarrierError(response.status === 401 || response.status === 403 ? 'auth' : 'carrier', {
            carrier: 'vitcom',
            operation,
            httpStatus: response.status,
            carrierCode: parsed.success ? parsed.data.status : undefined,
            message: parsed.success ? String(parsed.data.error ?? 'request refused') : 'unexpected answer',
            retryable: false,
          })
        }
        return { message: `Vitcom account ${account.accountNo ?? ''} answered` }
      },
    }
  },
}
