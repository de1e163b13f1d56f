/**
 * VoIP Innovations Back Office adapter: SOAP 1.1, document/literal, namespace http://tempuri.org/.
 * The full client grows here; today: the connection test (an inventory count, the cheapest read).
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser'
import { z } from 'zod'
import type { CarrierAdapter } from '../adapter'
import { CarrierError, createCarrierHttp, send } from '../kit/http'

const namespace = 'http://tempuri.org/'
const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false })
const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true })

/** A SOAP 1.1 envelope for one operation; the builder escapes every value. */
export function soapEnvelope(operation: string, fields: Record<string, string>): string {
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build({
    'soap:Envelope': {
      '@_xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/',
      'soap:Body': { [operation]: { '@_xmlns': namespace, ...fields } },
    },
  })}`
}

const DidResponse = z.object({ responseCode: z.coerce.string(), responseMessage: z.string().optional() }).passthrough()

export const voipInnovationsAdapter: CarrierAdapter = {
  id: 'voip-innovations',
  name: 'VoIP Innovations',
  defaultBaseUrls: { production: 'https://backoffice.voipinnovations.com/Services/APIService.asmx' },
  fields: [{ key: 'username', label: 'API login', required: true }],
  secretFields: [{ key: 'secret', label: 'API secret' }],
  capabilities: [],
  connect(account, secrets) {
    // Searches are slow on the real service; other clients wait up to 180 s.
    const http = createCarrierHttp({ baseUrl: account.baseUrl, timeoutMs: 180_000 })
    return {
      async testConnection({ signal }) {
        const operation = 'getDIDCount'
        const response = await send(
          http,
          {
            method: 'POST',
            url: '',
            data: soapEnvelope(operation, { login: account.username ?? '', secret: secrets.secret ?? '', state: 'FL' }),
            headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${namespace}${operation}"` },
          },
          { carrier: 'voip-innovations', operation, signal, kind: 'read' },
        )
        let result: unknown
        try {
          const document = parser.parse(response.data) as Record<string, any>
          result = document.Envelope?.Body?.[`${operation}Response`]?.[`${operation}Result`]
        } catch {
          result = undefined
        }
        const parsed = DidResponse.safeParse(result)
        if (response.status !== 200 || !parsed.success || parsed.data.responseCode !== '100') {
          throw new CarrierError('carrier', {
            carrier: 'voip-innovations',
            operation,
            httpStatus: response.status,
            carrierCode: parsed.success ? parsed.data.responseCode : undefined,
            message: parsed.success ? (parsed.data.responseMessage ?? 'request refused') : 'unexpected answer',
            retryable: false,
          })
        }
        return { message: 'VoIP Innovations answered an inventory count' }
      },
    }
  },
}
