/**
 * Call48 API v4 adapter. Logs in with user name and password; the JWT goes raw in `Authorization`.
 * The full client (every v4 operation) grows here; today: the connection test.
 */
import { z } from 'zod'
import type { CarrierAdapter } from '../adapter'
import { CarrierError, createCarrierHttp, parseJsonBody, send } from '../kit/http'

const LoginAnswer = z.object({
  code: z.coerce.number(),
  message: z.string().optional(),
  error: z.unknown().optional(),
  data: z.object({ token: z.string().min(1) }).passthrough().optional(),
})

export const call48Adapter: CarrierAdapter = {
  id: 'call48',
  name: 'Call48',
  defaultBaseUrls: { production: 'https://apicontrol.call48.com/api/v4' },
  fields: [{ key: 'username', label: 'User name', required: true }],
  secretFields: [{ key: 'password', label: 'Password' }],
  capabilities: [],
  connect(account, secrets) {
    const http = createCarrierHttp({ baseUrl: account.baseUrl })
    return {
      async testConnection({ signal }) {
        const operation = 'login'
        const response = await send(
          http,
          { method: 'POST', url: 'login', data: { user_name: account.username ?? '', password: secrets.password ?? '' } },
          { carrier: 'call48', operation, signal, kind: 'read' },
        )
        const parsed = LoginAnswer.safeParse(parseJsonBody(response, { carrier: 'call48', operation }))
        if (!parsed.success || parsed.data.code !== 200 || !parsed.data.data) {
          const carrierMessage = parsed.success
            ? String(parsed.data.error ?? parsed.data.message ?? `code ${parsed.data.code}`)
            : 'unexpected answer'
          throw new CarrierError(response.status === 401 || parsed.data?.code === 401 ? 'auth' : 'carrier', {
            carrier: 'call48',
            operation,
            httpStatus: response.status,
            carrierCode: parsed.success ? String(parsed.data.code) : undefined,
            message: carrierMessage,
            retryable: false,
          })
        }
        return { message: `Logged in to Call48 as ${account.username ?? ''}` }
      },
    }
  },
}
