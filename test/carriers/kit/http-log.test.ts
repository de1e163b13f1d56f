/**
 * The request log a technician can turn on (CARRIERDESK_HTTP_LOG=1) to see what CarrierDesk asks of each
 * carrier: every request is there, and no credential is, whether it travels in a header, a form body or
 * (Nexogy's token request) the query string.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redactUrl, setHttpLog } from '../../../src/main/carriers/kit/http'
import { openSandboxDesk, type SandboxDesk } from '../../helpers/sandbox-desk'

describe('the request log', () => {
  let env: SandboxDesk
  const lines: string[] = []
  beforeAll(async () => {
    env = await openSandboxDesk({ numbers: 200 })
    setHttpLog((line) => lines.push(line))
  })
  afterAll(async () => {
    setHttpLog(undefined)
    await env?.close()
  })

  it('redacts credentials in URLs', () => {
    expect(redactUrl('https://u:p@api.example/oauth/token?grant_type=password&username=noc&password=hunter2&client_secret=s3'))
      .toBe('https://%5Bredacted%5D@api.example/oauth/token?grant_type=password&username=noc&password=%5Bredacted%5D&client_secret=%5Bredacted%5D')
  })

  it('lists every request of a sync with its status and holds none of the accounts’ secrets', async () => {
    const results = await env.desk.sync.start({ areas: ['numbers'] }).done
    expect(results.every((r) => r.outcome === 'succeeded')).toBe(true)
    for (const entry of env.sandbox.list()) {
      expect(lines.some((line) => line.includes(new URL(entry.baseUrl).host))).toBe(true)
    }
    expect(lines.every((line) => /^\[http\] (GET|POST) http:\/\/127\.0\.0\.1:\d+\/\S* \d{3} \d+ ms$/.test(line))).toBe(true)
    const secrets = env.sandbox.list().flatMap((entry) => Object.values(entry.account.secrets)).filter((value): value is string => !!value)
    expect(secrets.length).toBeGreaterThanOrEqual(4)
    for (const secret of secrets) expect(lines.join('\n')).not.toContain(secret)
  })
})
