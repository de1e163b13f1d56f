/**
 * Scale of the VoIP Innovations simulator: a million-number sandbox starts at once, and an audit of the
 * account's 300,000 DIDs streams without holding the whole answer in memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../src/main/sandbox'

let sandbox: Sandbox
let startMs = 0

async function post(operation: string, inner: string): Promise<Response> {
  const carrier = sandbox.carriers['voip-innovations']
  return fetch(carrier?.baseUrl ?? '', {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"http://tempuri.org/${operation}"` },
    body:
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
      `<${operation} xmlns="http://tempuri.org/"><login>${carrier?.account.username ?? ''}</login>` +
      `<secret>${carrier?.account.secrets.secret ?? ''}</secret>${inner}</${operation}></soap:Body></soap:Envelope>`,
  })
}

beforeAll(async () => {
  const started = Date.now()
  sandbox = await startSandbox({ carriers: ['voip-innovations'], numbers: 1_000_000, seed: 3 })
  startMs = Date.now() - started
})

afterAll(async () => {
  await sandbox.stop()
})

describe('VoIP Innovations simulator at a million numbers', () => {
  it('starts in well under a minute', () => {
    expect(startMs).toBeLessThan(5_000)
  })

  it('streams an audit of all 300,000 owned DIDs with flat memory', async () => {
    const rssBefore = process.memoryUsage().rss
    const response = await post('auditDIDs', '')
    expect(response.status).toBe(200)
    const reader = response.body?.getReader()
    let dids = 0
    let tail = ''
    let peakRss = rssBefore
    for (;;) {
      const chunk = await reader?.read()
      if (!chunk || chunk.done) break
      const text = tail + Buffer.from(chunk.value).toString('utf8')
      dids += text.split('</DID>').length - 1
      tail = text.slice(text.lastIndexOf('</DID>') + 1)
      peakRss = Math.max(peakRss, process.memoryUsage().rss)
    }
    expect(dids).toBe(300_000)
    expect(tail).toContain('</auditDIDsResponse>')
    // The whole answer is about 200 MB; streaming keeps growth far below that.
    expect(peakRss - rssBefore).toBeLessThan(150 * 1024 * 1024)
  }, 120_000)

  it('searches and counts inventory quickly', async () => {
    const started = Date.now()
    const search = await (await post('getDIDs', '<state>FL</state><tier>777</tier>')).text()
    const counts = await (await post('getDIDCount', '<tier>1</tier>')).text()
    expect(search).toContain('<DIDLocator>')
    expect(counts).toContain('<DIDCount>')
    expect(Date.now() - started).toBeLessThan(5_000)
  })
})
