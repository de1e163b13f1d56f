/**
 * Nexogy DNA adapter: OAuth2 password grant, Bearer token.
 * The full client grows here; today: the connection test (obtaining a token).
 */
import { z } from 'zod'
import type { CarrierAdapter } from '../adapter'
import { CarrierError, createCarrierHttp, parseJsonBody, send } from '../kit/http'

const Token = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number(), token_type: z.string() })
// The doc shows the token answer wrapped in an array; accept both (carrier-docs README, Nexogy).
const TokenAnswer = z.union([Token, z.array(Token).length(1).transform((items) => items[0]!)])

export const nexogyAdapter: CarrierAdapter = {
  id: 'nexogy',
  name: 'Nexogy DNA',
  defaultBaseUrls: { staging: 'https://staging.api.nexogy.com/api' },
  fields: [
    { key: 'username', label: 'User name', required: true },
    { key: 'clientId', label: 'OAuth client id', required: true },
    { key: 'scope', label: 'Scope', required: false },
  ],
  secretFields: [
    { key: 'password', label: 'Password' },
    { key: 'clientSecret', label: 'OAuth client secret' },
  ],
  capabilities: [],
  connect(account, secrets) {
    const http = createCarrierHttp({ baseUrl: account.baseUrl })
    return {
      async testConnection({ signal }) {
        const operation = 'oauth.token'
        const response = await send(
          http,
          {
            method: 'GET',
            url: 'oauth/token',
            headers: { Accept: 'application/json' },
            params: {
              grant_type: 'password',
              client_id: account.clientId ?? '',
              client_secret: secrets.clientSecret ?? '',
              username: account.username ?? '',
              password: secrets.password ?? '',
              scope: account.scope ?? '',
            },
          },
          { carrier: 'nexogy', operation, signal, kind: 'read' },
        )
        const body = parseJsonBody(response, { carrier: 'nexogy', operation })
        const parsed = TokenAnswer.safeParse(body)
        if (response.status !== 200 || !parsed.success) {
          const carrierMessage =
            typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : `HTTP ${response.status}`
          throw new CarrierError(response.status === 401 || response.status === 403 ? 'auth' : 'carrier', {
            carrier: 'nexogy',
            operation,
            httpStatus: response.status,
            message: carrierMessage,
            retryable: false,
          })
        }
        return { message: `Nexogy issued a token valid ${parsed.data.expires_in} s` }
      },
    }
  },
}
