/**
 * The Call48 simulator at scale: a 400,000-number sandbox (160,000 of them at Call48) starts quickly and
 * pages its DID listing consistently without materialising the inventory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../src/main/sandbox/index'

type Body = Record<string, any>

let sandbox: Sandbox
let baseUrl = ''
let token = ''
let startMs = 0

async function page(pageNumber: number, max: number): Promise<Body> {
  const url = new URL(`${baseUrl}/dids`)
  url.search = new URLSearchParams({ type: 'local', page: String(pageNumber), max: String(max) }).toString()
  const response = await fetch(url, { headers: { authorization: token } })
  expect(response.status).toBe(200)
  return (await response.json()) as Body
}

beforeAll(async () => {
  const started = Date.now()
  sandbox = await startSandbox({ carriers: ['call48'], numbers: 400_000, seed: 7 })
  startMs = Date.now() - started
  baseUrl = sandbox.carriers.call48!.baseUrl
  const account = sandbox.carriers.call48!.account
  const login = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user_name: account.username, password: account.secrets.password }),
  })
  token = ((await login.json()) as Body).data.token as string
})

afterAll(async () => {
  await sandbox.stop()
})

describe('Call48 inventory at scale', () => {
  it('starts in well under a few seconds', () => {
    expect(startMs).toBeLessThan(5_000)
  })

  it('pages 160,000 DIDs consistently: total, unique ids and numbers, exact last page', async () => {
    const max = 500
    const first = await page(1, max)
    const total = first.total as number
    expect(total).toBe(160_000)
    const lastPageNumber = Math.ceil(total / max)
    const pages = [first, await page(2, max), await page(161, max), await page(lastPageNumber, max)]
    const records = pages.flatMap((entry) => entry.data as Body[])
    expect(new Set(records.map((did) => did._id)).size).toBe(records.length)
    expect(new Set(records.map((did) => did.did)).size).toBe(records.length)
    expect(pages[3]!.data).toHaveLength(total - (lastPageNumber - 1) * max)
    expect((await page(lastPageNumber + 1, max)).data).toHaveLength(0)
    for (const did of records) expect(did.did).toMatch(/^\d{10}$/)
    // The same page read twice is identical (derived, not random).
    expect((await page(161, max)).data.map((did: Body) => did._id)).toEqual(pages[2]!.data.map((did: Body) => did._id))
  })

  it('removes a DID deep in the inventory and shifts later pages by one', async () => {
    const max = 100
    const before = await page(1000, max)
    const victim = before.data[10] as Body
    const removal = await fetch(`${baseUrl}/dids`, {
      method: 'DELETE',
      headers: { authorization: token, 'content-type': 'application/json' },
      body: JSON.stringify({ numbers: [victim.did] }),
    })
    expect(((await removal.json()) as Body).code).toBe(200)
    const after = await page(1000, max)
    expect(after.total).toBe(before.total - 1)
    expect(after.data[10]._id).toBe(before.data[11]._id)
    expect(after.data.map((did: Body) => did._id)).not.toContain(victim._id)
  })
})
