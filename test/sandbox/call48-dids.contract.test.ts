/**
 * Raw-HTTP contract tests of the Call48 simulator: login and tokens, DID search, purchase (loc/locData
 * echo), listing and removal, per-DID features (411, 911, fax, forwarding, CNAM, address) and a scripted
 * ambiguous-failure fault on purchase.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../src/main/sandbox/index'

type Body = Record<string, any>

let sandbox: Sandbox
let baseUrl = ''
let origin = ''
let token = ''

async function call(method: string, path: string, options: { query?: Record<string, string>; body?: unknown; auth?: string | null } = {}) {
  const url = new URL(`${baseUrl}${path}`)
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value)
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const auth = options.auth === undefined ? token : options.auth
  if (auth !== null) headers.authorization = auth
  const response = await fetch(url, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) })
  const text = await response.text()
  let body: Body = {}
  try {
    body = JSON.parse(text) as Body
  } catch {
    body = { raw: text }
  }
  return { status: response.status, body, headers: response.headers }
}

async function login(path = '/login'): Promise<string> {
  const account = sandbox.carriers.call48!.account
  const answer = await call('POST', path, { body: { user_name: account.username, password: account.secrets.password }, auth: null })
  expect(answer.status).toBe(200)
  return answer.body.data.token as string
}

async function ledger(operation?: string): Promise<Body[]> {
  const entries = (await (await fetch(`${origin}/_sandbox/ledger`)).json()) as Body[]
  return operation ? entries.filter((entry) => entry.operation === operation) : entries
}

async function searchLocal(query: Record<string, string>) {
  return call('GET', '/search', { query: { type: 'local', limit: '5', ...query } })
}

beforeAll(async () => {
  sandbox = await startSandbox({ carriers: ['call48'], numbers: 2_000, seed: 7 })
  baseUrl = sandbox.carriers.call48!.baseUrl
  origin = sandbox.carriers.call48!.origin
  token = await login()
})

afterAll(async () => {
  await sandbox.stop()
})

describe('account and login', () => {
  it('describes the seeded account with the /api/v4 base URL', () => {
    const account = sandbox.carriers.call48!.account
    expect(account).toMatchObject({ carrier: 'call48', name: 'Sandbox Call48', environment: 'sandbox' })
    expect(account.baseUrl.endsWith('/api/v4')).toBe(true)
    expect(account.username).toBeTruthy()
    expect(account.secrets.password).toBeTruthy()
  })

  it('issues a JWT-shaped token that expires about 24 hours after issue', async () => {
    const parts = token.split('.')
    expect(parts).toHaveLength(3)
    for (const part of parts) expect(part).toMatch(/^[A-Za-z0-9_-]+$/)
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { exp: number; iat: number }
    expect(payload.exp - payload.iat).toBe(86_400)
  })

  it('lets the SP admin log in at /admin_login', async () => {
    const adminToken = await login('/admin_login')
    const answer = await call('GET', '/countries', { auth: adminToken })
    expect(answer.body.code).toBe(200)
  })

  it('refuses a wrong password with an error code in the body', async () => {
    const answer = await call('POST', '/login', { body: { user_name: 'sandbox_c48', password: 'wrong' }, auth: null })
    expect(answer.body.code).not.toBe(200)
    expect(answer.body.data?.token).toBeUndefined()
  })

  it('answers the documented 401 body to a missing, Bearer-prefixed or unknown token', async () => {
    for (const auth of [null, `Bearer ${token}`, 'eyJhbGciOiJIUzUxMiJ9.e30.bad']) {
      const answer = await call('GET', '/countries', { auth })
      expect(answer.status).toBe(401)
      expect(answer.body).toEqual({ code: 401, error: 'Unauthorized Access' })
    }
  })

  it('expires the token after 24 simulated hours', async () => {
    const shortLived = await login()
    sandbox.clock.advance(24 * 3_600_000 + 1000)
    const answer = await call('GET', '/countries', { auth: shortLived })
    expect(answer.body.code).toBe(401)
    token = await login()
    expect((await call('GET', '/countries')).body.code).toBe(200)
  })

  it('honours the scripted token-expired fault for one request only', async () => {
    sandbox.carriers.call48!.faults.configure({ script: [{ fault: 'token-expired', match: 'countries' }] })
    expect((await call('GET', '/countries')).body).toEqual({ code: 401, error: 'Unauthorized Access' })
    expect((await call('GET', '/countries')).body.code).toBe(200)
  })

  it('honours tokenExpiryAfterRequests', async () => {
    sandbox.carriers.call48!.faults.configure({ tokenExpiryAfterRequests: 2 })
    const limited = await login()
    expect((await call('GET', '/states', { auth: limited })).body.error).toBeNull()
    expect((await call('GET', '/states', { auth: limited })).body.error).toBeNull()
    expect((await call('GET', '/states', { auth: limited })).status).toBe(401)
    sandbox.carriers.call48!.faults.configure({})
    token = await login()
  })
})

describe('resources', () => {
  it('lists countries, states and rate centers of a state', async () => {
    const countries = await call('GET', '/countries')
    expect(countries.body.totalRecords).toBe(countries.body.data.length)
    expect(countries.body.data).toContainEqual(expect.objectContaining({ country_id: 225, code: 'US', code2: 'USA', prefix: '1' }))
    const states = await call('GET', '/states')
    expect(states.body.data).toContainEqual(expect.objectContaining({ state_code: 'FL', state_name: 'Florida', country_id: 225 }))
    const centers = await call('GET', '/ratecenter', { query: { state: 'FL' } })
    expect(centers.body.code).toBe(200)
    expect(centers.body.data.map((entry: Body) => entry.rate_center)).toContain('MIAMI')
    expect(centers.body.data[0]).toHaveProperty('footprint_id')
    expect((await call('GET', '/ratecenter')).status).toBe(400)
  })
})

describe('search', () => {
  it('finds local numbers by state, rate center, NPA and NXX with loc and per-item locData', async () => {
    const probe = await searchLocal({ state: 'FL', npa: '305', limit: '1' })
    const rateCenter = probe.body.data.result[0].ratecenter as string
    const answer = await searchLocal({ state: 'FL', ratecenter: rateCenter, npa: '305' })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ code: 200, message: 'Successful Operation', error: null })
    const { result, loc, setup, monthly } = answer.body.data
    expect(typeof loc).toBe('string')
    expect(setup).toMatch(/^\d+\.\d+$/)
    expect(monthly).toMatch(/^\d+\.\d+$/)
    expect(result.length).toBe(5)
    for (const item of result) {
      expect(item).toMatchObject({ npa: '305', state: 'FL', ratecenter: rateCenter, type: 'local' })
      expect(item.did_number).toBe(`${item.npa}${item.nxx}${item.xxxx}`)
      expect(typeof item.locData).toBe('string')
      expect(item).toHaveProperty('did_id')
      expect(item).toHaveProperty('monthly')
      expect(item).toHaveProperty('setup')
    }
    const nxx = result[0].nxx as string
    const byNxx = await searchLocal({ state: 'FL', npa: '305', nxx })
    expect(byNxx.body.data.result.every((item: Body) => item.nxx === nxx)).toBe(true)
  })

  it('caps limit at 50', async () => {
    const answer = await searchLocal({ state: 'TX', limit: '500' })
    expect(answer.body.data.result).toHaveLength(50)
  })

  it('pages past the cap with page (local and toll-free), each page new numbers', async () => {
    const pageOf = async (type: string, page: number) => {
      const query: Record<string, string> = type === 'local' ? { type, state: 'TX', limit: '50', page: String(page) } : { type, limit: '50', page: String(page) }
      const answer = await call('GET', '/search', { query })
      return (answer.body.data.result as Body[]).map((item) => `${item.npa}${item.nxx}${item.xxxx}`)
    }
    for (const type of ['local', 'toll']) {
      const [first, second] = [await pageOf(type, 1), await pageOf(type, 2)]
      expect(first).toHaveLength(50)
      expect(second).toHaveLength(50)
      expect(second.filter((tn) => first.includes(tn))).toEqual([])
    }
  })

  it('rejects a search without the required state or limit', async () => {
    expect((await call('GET', '/search', { query: { type: 'local', limit: '5' } })).status).toBe(400)
    expect((await call('GET', '/search', { query: { type: 'local', state: 'FL' } })).body.code).toBe(400)
    expect((await call('GET', '/search', { query: { type: 'bogus', limit: '5' } })).body.code).toBe(400)
  })

  it('finds toll-free numbers by prefix', async () => {
    const answer = await call('GET', '/search', { query: { type: 'toll', npa: '888', limit: '3' } })
    expect(answer.body.code).toBe(200)
    expect(answer.body.data.result).toHaveLength(3)
    for (const item of answer.body.data.result) expect(item.npa).toBe('888')
    expect((await call('GET', '/search', { query: { type: 'toll', npa: '305', limit: '3' } })).status).toBe(400)
  })

  it('finds international number groups by country id or code', async () => {
    const answer = await call('GET', '/search', { query: { type: 'intl', country: '178' } })
    expect(answer.body.code).toBe(200)
    expect(answer.body.data[0]).toMatchObject({ country: 'RU', iso: 'RU', countryName: 'Russian Federation' })
    expect(answer.body.data[0]).toHaveProperty('intl_data')
    expect((await call('GET', '/search', { query: { type: 'intl', country: 'BR' } })).body.data.length).toBeGreaterThan(0)
  })
})

describe('purchase and inventory', () => {
  it('buys a searched local number, lists it and records one purchase', async () => {
    const before = await call('GET', '/dids', { query: { type: 'local', page: '1', max: '10' } })
    const search = await searchLocal({ state: 'GA', limit: '2' })
    const pick = search.body.data.result[0] as Body
    const purchase = await call('POST', '/purchase', {
      body: {
        type: 'local',
        numbers: [{ npa: pick.npa, nxx: pick.nxx, xxxx: pick.xxxx, state: 'GA', ratecenter: pick.ratecenter, loc: search.body.data.loc, locData: pick.locData }],
      },
    })
    expect(purchase.status).toBe(200)
    expect(purchase.body).toEqual({ code: 200, message: 'Successful Operation', data: true, error: null })

    const total = before.body.total as number
    const after = await call('GET', '/dids', { query: { type: 'local', page: String(Math.ceil((total + 1) / 10)), max: '10' } })
    expect(after.body.total).toBe(total + 1)
    const listed = after.body.data.find((did: Body) => did.did === pick.did_number)
    expect(listed).toMatchObject({ type: 'local', state: 'GA', status: 'USING' })
    const entries = await ledger('purchase')
    expect(entries.filter((entry) => (entry.details.numbers as string[]).includes(pick.did_number))).toHaveLength(1)

    const again = await call('POST', '/purchase', {
      body: { type: 'local', numbers: [{ npa: pick.npa, nxx: pick.nxx, xxxx: pick.xxxx, loc: search.body.data.loc, locData: pick.locData }] },
    })
    expect(again.body.code).not.toBe(200)
    expect(String(again.body.error)).toMatch(/already purchased/)
    const fresh = await searchLocal({ state: 'GA', limit: '50' })
    expect(fresh.body.data.result.map((item: Body) => item.did_number)).not.toContain(pick.did_number)
  })

  it('refuses a purchase whose loc or locData do not come from a search result', async () => {
    const search = await searchLocal({ state: 'NY', limit: '2' })
    const pick = search.body.data.result[0] as Body
    const other = search.body.data.result[1] as Body
    const base = { npa: pick.npa, nxx: pick.nxx, xxxx: pick.xxxx }
    const purchases = [
      { ...base, loc: 'f'.repeat(80), locData: pick.locData },
      { ...base, loc: search.body.data.loc, locData: other.locData },
      { ...base, loc: search.body.data.loc },
    ]
    for (const number of purchases) {
      const answer = await call('POST', '/purchase', { body: { type: 'local', numbers: [number] } })
      expect(answer.body.code).not.toBe(200)
    }
    const missingLoc = await call('POST', '/purchase', { body: { type: 'local', numbers: [{ ...base, locData: pick.locData }] } })
    expect(missingLoc.status).toBe(400)
    const entries = await ledger('purchase')
    expect(entries.some((entry) => (entry.details.numbers as string[]).includes(pick.did_number))).toBe(false)
  })

  it('refuses a search result older than an hour', async () => {
    const search = await searchLocal({ state: 'CO', limit: '1' })
    const pick = search.body.data.result[0] as Body
    sandbox.clock.advance(61 * 60_000)
    const answer = await call('POST', '/purchase', {
      body: { type: 'local', numbers: [{ npa: pick.npa, nxx: pick.nxx, xxxx: pick.xxxx, loc: search.body.data.loc, locData: pick.locData }] },
    })
    expect(answer.body.code).toBe(400)
    expect(String(answer.body.error)).toMatch(/expired/)
  })

  it('buys toll-free and international numbers into their own listings', async () => {
    const toll = await call('GET', '/search', { query: { type: 'toll', limit: '1' } })
    const tollPick = toll.body.data.result[0] as Body
    const tollBuy = await call('POST', '/purchase', {
      body: { type: 'toll', numbers: [{ npa: tollPick.npa, nxx: tollPick.nxx, xxxx: tollPick.xxxx, loc: toll.body.data.loc, locData: tollPick.locData }] },
    })
    expect(tollBuy.body.code).toBe(200)
    const tollList = await call('GET', '/dids', { query: { type: 'toll', page: '1', max: '50' } })
    expect(tollList.body.data.map((did: Body) => did.did)).toContain(tollPick.did_number)

    const intl = await call('GET', '/search', { query: { type: 'intl', country: 'RU' } })
    const group = intl.body.data[0] as Body
    const intlBuy = await call('POST', '/purchase', {
      body: { type: 'intl', numbers: [{ id: group.id, name: group.name, prefix: group.prefix, quantity: 2, loc: group.intl_data, country: 'RU' }] },
    })
    expect(intlBuy.body.code).toBe(200)
    const intlList = await call('GET', '/dids', { query: { type: 'intl', page: '1', max: '50' } })
    expect(intlList.body.total).toBe(2)
    for (const did of intlList.body.data) expect(did).toMatchObject({ type: 'intl', country: 'RU' })
    const wrongLoc = await call('POST', '/purchase', {
      body: { type: 'intl', numbers: [{ id: group.id, name: group.name, prefix: group.prefix, loc: 'abc', country: 'RU' }] },
    })
    expect(wrongLoc.body.code).toBe(400)
  })

  it('pages the seeded inventory without duplicates and removes DIDs by id and by number', async () => {
    const first = await call('GET', '/dids', { query: { type: 'local', page: '1', max: '25' } })
    const second = await call('GET', '/dids', { query: { type: 'local', page: '2', max: '25' } })
    expect(first.body).toMatchObject({ code: 200, error: null })
    const ids = [...first.body.data, ...second.body.data].map((did: Body) => did._id)
    expect(new Set(ids).size).toBe(50)
    const sample = first.body.data[0] as Body
    expect(sample).toHaveProperty('forwardingData')
    expect(sample).toHaveProperty('e911Data')
    expect(sample).toHaveProperty('listing411Data')
    expect(sample).toHaveProperty('faxData')

    const total = first.body.total as number
    const byId = first.body.data[1] as Body
    const byNumber = first.body.data[2] as Body
    expect((await call('DELETE', '/dids', { body: { id: [byId._id] } })).body.data).toEqual({ success: true })
    expect((await call('DELETE', '/dids', { body: { numbers: [byNumber.did] } })).body.code).toBe(200)
    const after = await call('GET', '/dids', { query: { type: 'local', page: '1', max: '25' } })
    expect(after.body.total).toBe(total - 2)
    const remaining = after.body.data.map((did: Body) => did._id)
    expect(remaining).not.toContain(byId._id)
    expect(remaining).not.toContain(byNumber._id)
    expect(after.body.data[1]._id).toBe(first.body.data[3]._id)
    const removals = await ledger('remove')
    expect(removals.map((entry) => entry.details.numbers).flat()).toEqual(expect.arrayContaining([byId.did, byNumber.did]))
    const missing = await call('DELETE', '/dids', { body: { id: [byId._id] } })
    expect(missing.status).toBe(404)
    expect(missing.body.code).toBe(404)
  })

  it('drops the connection after committing a purchase under reset-after-commit, recording it exactly once', async () => {
    const search = await searchLocal({ state: 'WA', limit: '1' })
    const pick = search.body.data.result[0] as Body
    sandbox.carriers.call48!.faults.configure({ script: [{ fault: 'reset-after-commit', match: 'purchase' }] })
    const body = { type: 'local', numbers: [{ npa: pick.npa, nxx: pick.nxx, xxxx: pick.xxxx, loc: search.body.data.loc, locData: pick.locData }] }
    await expect(call('POST', '/purchase', { body })).rejects.toThrow()
    const purchases = (await ledger('purchase')).filter((entry) => (entry.details.numbers as string[]).includes(pick.did_number))
    expect(purchases).toHaveLength(1)
    const retry = await call('POST', '/purchase', { body })
    expect(retry.body.code).toBe(400)
    expect((await ledger('purchase')).filter((entry) => (entry.details.numbers as string[]).includes(pick.did_number))).toHaveLength(1)
  })
})

describe('DID features', () => {
  async function didOfPlatform(porta: boolean): Promise<Body> {
    for (let page = 1; page <= 5; page += 1) {
      const list = await call('GET', '/dids', { query: { type: 'local', page: String(page), max: '50' } })
      const found = (list.body.data as Body[]).find((did) => (did.portaAID !== null) === porta)
      if (found) return found
    }
    throw new Error('no DID of that platform in the first pages')
  }
  async function listed(did: Body): Promise<Body> {
    for (let page = 1; page <= 10; page += 1) {
      const list = await call('GET', '/dids', { query: { type: 'local', page: String(page), max: '50' } })
      const found = (list.body.data as Body[]).find((entry) => entry._id === did._id)
      if (found) return found
    }
    throw new Error('DID not listed')
  }

  it('updates the 411 listing', async () => {
    const did = await didOfPlatform(false)
    const query = { number: did.did, enabled: 'yes', type: 'BIZ', country: 'US', state: 'FL', lstgn: 'Pat', lstnm: 'Acme', strt: '123 Main', locnm: 'Miami', zip: '33155' }
    const answer = await call('GET', '/update411', { query })
    expect(answer.body).toEqual({ error: null, data: true, code: 200 })
    expect((await listed(did)).listing411Data).toMatchObject({ enabled: 'yes', type: 'BIZ', lstnm: 'Acme', zip: '33155' })
    expect((await call('GET', '/update411', { query: { ...query, number: '9999999999' } })).status).toBe(404)
    expect((await ledger('update411')).at(-1)?.details).toMatchObject({ number: did.did, enabled: 'yes' })
  })

  it('updates E911 with a string record id as the success answer, and refuses a bad address', async () => {
    const did = await didOfPlatform(false)
    const query = { number: did.did, enabled: 'yes', country: 'US', state: 'FL', name: 'Test User', streetnumber: '123', streetname: 'Test St', city: 'Miami', addresstypenumber: 'Apartment 2', zipcode: '33155' }
    const answer = await call('GET', '/update911', { query })
    expect(answer.body.code).toBe(200)
    expect(answer.body.error).toBeNull()
    expect(answer.body.data).toMatch(/^\d+$/)
    expect((await listed(did)).e911Data).toMatchObject({ enabled: 'yes', zipcode: '33155', streetname: 'Test St', businessname: 'Test User' })
    const bad = await call('GET', '/update911', { query: { ...query, zipcode: 'ABCDE' } })
    expect(bad.status).toBe(200)
    expect(bad.body.code).toBe(400)
    const verify = await call('GET', '/verifyaddress', { query: { country: 'US', state: 'MA', name: 'E911TEST', streetnumber: '777', streetname: 'Brockton Avenue', city: 'Abington', zipcode: '02351' } })
    expect(verify.body).toEqual({ error: null, data: true, code: 200 })
    const verifyBad = await call('GET', '/verifyaddress', { query: { country: 'US', state: 'MA', name: 'x', streetnumber: 'x', streetname: 'y', city: 'z', zipcode: '1' } })
    expect(verifyBad.body.code).toBe(400)
  })

  it('updates fax service, requiring the serial for Fax ATA', async () => {
    const did = await didOfPlatform(false)
    const answer = await call('POST', '/update_fax', { body: { number: did.did, service: 2, email: 'fax@example.com' } })
    expect(answer.body.error).toBeNull()
    expect(typeof answer.body.data).toBe('string')
    const after = await listed(did)
    expect(after.fax).toBe('true')
    expect(after.faxData).toMatchObject({ servive: '2', email: 'fax@example.com' })
    expect((await call('POST', '/update_fax', { body: { number: did.did, service: 3, email: 'fax@example.com' } })).status).toBe(400)
  })

  it('answers forwarding updates in the OD shape for OD DIDs and the Porta shape for Porta DIDs', async () => {
    const od = await didOfPlatform(false)
    const odAnswer = await call('POST', '/update_forwarding', {
      body: { number: od.did, sequence: 'Simultaneous', answeringmode: '2', method1: 'simple', number1: '2522378144', timeout1: '99', sipdigits: '11', method2: 'ip', sip2: '127.0.0.1', timeout2: '20' },
    })
    expect(odAnswer.body).toEqual({ error: null, data: [{ description: 'Routing request completed' }], code: 200 })
    expect((await listed(od)).forwardingData).toMatchObject({ sequence: 'Simultaneous', answeringmode: 2, method1: 'simple', number1: '2522378144', sip2: '127.0.0.1' })
    const toTrunk = await call('POST', '/update_forwarding', { body: { number: od.did, fwd_trunk_grpid: 52611 } })
    expect(toTrunk.body.code).toBe(200)
    expect((await listed(od)).forwardingData.fwd_trunk_grpid).toBe(52611)
    expect((await call('POST', '/update_forwarding', { body: { number: od.did, fwd_trunk_grpid: 1 } })).body.code).toBe(400)

    const porta = await didOfPlatform(true)
    const portaAnswer = await call('POST', '/update_forwarding', {
      body: { number: porta.did, answeringmode: '2', method1: 'trunk', username: `1${porta.did}`, password: 'secret123', timeout1: '30', product: '24230' },
    })
    expect(portaAnswer.body).toEqual({ error: null, data: { login: `1${porta.did}`, i_product: '24230', i_account: porta.portaAID }, code: 200 })

    for (const mode of ['0', '1', '3', '4', '5', '6', '7']) {
      const body = { number: od.did, answeringmode: mode, method1: 'preconfigured', sequence: 'Order' }
      expect((await call('POST', '/update_forwarding', { body })).body.code).toBe(200)
    }
    expect((await call('POST', '/update_forwarding', { body: { number: od.did, answeringmode: '9' } })).status).toBe(400)
    expect((await call('POST', '/update_forwarding', { body: { number: od.did, answeringmode: '2', method1: 'simple' } })).status).toBe(400)
    expect((await ledger('update-forwarding')).length).toBeGreaterThanOrEqual(10)
  })

  it('creates CNAM for a DID by id', async () => {
    const did = await didOfPlatform(false)
    const answer = await call('POST', '/did/create-cnam', {
      body: { cnam_status: true, cnam_type: 'RES', display_name: 'testcnam', display_number: '12362320049', did_id: did._id },
    })
    expect(answer.body).toMatchObject({ code: 200, message: 'Successful Operation', error: null })
    expect(answer.body.data).toMatchObject({ did_id: String(did._id), cnam_status: true, display_name: 'testcnam', is_billed: true })
    expect((await listed(did))).toMatchObject({ cnamLookup: 'yes', cnamDisplayname: 'testcnam', cnamType: 'RES' })
    expect((await call('POST', '/did/create-cnam', { body: { cnam_status: true, cnam_type: 'XXX', display_name: 'a', display_number: '1', did_id: did._id } })).status).toBe(400)
  })
})

describe('unknown routes', () => {
  it('answers Call48-shaped 404 and 405 errors', async () => {
    const missing = await call('GET', '/no-such-endpoint')
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({ code: 404, data: null })
    const wrongMethod = await call('PATCH', '/purchase')
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.body.code).toBe(405)
  })
})
