/**
 * Raw-HTTP contract tests of what the Call48 simulator's port lifecycle promises the Ports board: exact
 * timings on the simulated clock (submitted, reviewed after 2 h, FOC set or rejected after 24 h, activated on
 * the FOC date, then listed among the DIDs), the `portRejectionRate` option and its determinism, rejections
 * that name the account data at fault and are cured by an edit that changes it (and only by such an edit),
 * drafts, documents by content and size, and a submit whose answer is lost that still exists once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { correction, reasonCode, startCall48Harness, type Body, type Call48Harness } from './call48-helpers'

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour
const iso = (at: number): string => new Date(at).toISOString()

function portDetail(now: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const foc = iso(now + 4 * day + 6 * hour)
  return {
    cust_acc_name: 'Harbor Dental LLC',
    cust_authorized_name: 'Dana Whitfield',
    cust_acc_type: 'BIZ',
    cust_acc_number: '77120034',
    address_street_name: 'Harbor Way',
    address_number: '410',
    address_loc_designator: 'Suite',
    city: 'Bismarck',
    btn: '7013205000',
    state: 'ND',
    activation_type: 'Auto',
    desired_foc_date: foc,
    postal_code: '58501',
    activation_date: foc,
    ...overrides,
  }
}

/** A portable foreign number, distinct per `n`. */
const foreign = (n: number): string => `701${400 + (n % 500)}${String(2000 + n).padStart(4, '0')}`

async function submit(h: Call48Harness, numbers: string[], overrides: Record<string, unknown> = {}): Promise<number> {
  const answer = await h.call('POST', '/port-in/submit-port-details', { body: { did_type: 'LCL', numbers, port_req_detail: portDetail(h.sandbox.clock.now(), overrides) } })
  expect(answer.body).toMatchObject({ code: 200, message: 'Successful Operation' })
  return answer.body.data.port_req_id as number
}

async function requestOf(h: Call48Harness, number: string): Promise<Body> {
  const list = await h.call('POST', '/port-in/view-list', { body: { page: '1', limit: '10', numbers: [number] } })
  const found = (list.body.data.result as Body[])[0]
  if (!found) throw new Error(`no port request holds ${number}`)
  return found
}

const proposalOf = async (h: Call48Harness, number: string): Promise<Body> => (await requestOf(h, number)).port_proposals[0] as Body

async function ownsDid(h: Call48Harness, number: string): Promise<boolean> {
  const answer = await h.call('GET', '/dids', { query: { type: 'local', page: '1', max: '1000' } })
  return (answer.body.data as Body[]).some((did) => did.did === number)
}

describe('an accepted port on the simulated clock (portRejectionRate 0)', () => {
  let h: Call48Harness
  beforeAll(async () => {
    h = await startCall48Harness({ numbers: 200, portRejectionRate: 0 })
  })
  afterAll(async () => {
    await h.stop()
  })

  it('is submitted, reviewed after 2 h, FOC set after 24 h, activated on its FOC date and then listed among the DIDs', async () => {
    const { clock } = h.sandbox
    const number = foreign(1)
    const focDate = clock.now() + 4 * day + 6 * hour
    const id = await submit(h, [number], { desired_foc_date: iso(focDate), activation_date: iso(focDate) })
    expect((await proposalOf(h, number)).port_req_status).toBe('submitted')

    clock.advance(2 * hour - minute)
    expect((await proposalOf(h, number)).port_req_status).toBe('submitted')
    clock.advance(2 * minute)
    expect((await proposalOf(h, number)).port_req_status).toBe('reviewed')

    clock.advance(22 * hour)
    const focSet = await proposalOf(h, number)
    expect(focSet).toMatchObject({ port_req_status: 'foc_received', foc_date: iso(focDate), failure_reason: null, allow_suborder_activate: false })
    const early = await h.call('POST', '/port-in/activate-order', { body: { port_req_id: id } })
    expect(early.body.code).toBe(400)
    expect(early.body.message).toMatch(/FOC date/)
    expect(await ownsDid(h, number)).toBe(false)

    clock.advance(focDate - clock.now() + minute)
    const done = await requestOf(h, number)
    expect(done.request_phase).toBe('Completed')
    expect(done.port_proposals[0].port_req_status).toBe('activated')
    expect(await ownsDid(h, number)).toBe(true)
    // Read again and again: the activation is one ledger entry, the submit one too.
    await requestOf(h, number)
    expect((await h.ledger('port-activated')).filter((entry) => (entry.details.numbers as string[]).includes(number))).toHaveLength(1)
    expect((await h.ledger('port-submit')).filter((entry) => entry.details.port_req_id === id)).toHaveLength(1)
  })

  it('takes the later of the desired FOC date and three days after submission', async () => {
    const number = foreign(2)
    await submit(h, [number], { desired_foc_date: iso(h.sandbox.clock.now() + hour) })
    const submittedAt = h.sandbox.clock.now()
    h.sandbox.clock.advance(day + minute)
    const proposal = await proposalOf(h, number)
    expect(proposal.port_req_status).toBe('foc_received')
    const foc = Date.parse(proposal.foc_date as string)
    expect(foc % day).toBe(0)
    expect(foc).toBeGreaterThanOrEqual(submittedAt + 3 * day - minute)
    expect(foc).toBeLessThan(submittedAt + 4 * day)
  })

  it('waits for Manual DIDs until they are activated, which is allowed from the FOC date on', async () => {
    const number = foreign(3)
    await submit(h, [number], { activation_type: 'Manual' })
    h.sandbox.clock.advance(day + minute)
    const proposal = await proposalOf(h, number)
    const dids = await h.call('GET', '/port-in/view-did-list', { query: { port_proposal_id: String(proposal.port_proposal_id) } })
    expect(dids.body.data.result[0]).toMatchObject({ did: number, port_status: 'foc_received', allow_did_activate: false })
    expect((await h.call('POST', '/port-in/activate-did', { body: { port_proposal_id: proposal.port_proposal_id, did_number: number } })).body.code).toBe(400)

    h.sandbox.clock.advance(Date.parse(proposal.foc_date as string) - h.sandbox.clock.now() + minute)
    const waiting = await h.call('GET', '/port-in/view-did-list', { query: { port_proposal_id: String(proposal.port_proposal_id) } })
    expect(waiting.body.data.result[0]).toMatchObject({ port_status: 'foc_received', allow_did_activate: true })
    expect(await ownsDid(h, number)).toBe(false)
    expect((await h.call('POST', '/port-in/activate-did', { body: { port_proposal_id: proposal.port_proposal_id, did_number: number } })).body.code).toBe(200)
    expect((await proposalOf(h, number)).port_req_status).toBe('activated')
    expect(await ownsDid(h, number)).toBe(true)
  })

  it('rejects a missing account number whatever the rate, and accepts the order once it is given', async () => {
    const number = foreign(8)
    const id = await submit(h, [number], { cust_acc_number: undefined })
    h.sandbox.clock.advance(day + minute)
    expect((await proposalOf(h, number)).failure_reason).toBe('LSR rejected || Rejection reason ACCN : Incorrect Account Number')
    const fixed = await h.call('POST', '/port-in/update-request', { body: { port_req_id: id, port_req_detail: portDetail(h.sandbox.clock.now()) } })
    expect(fixed.body.code).toBe(200)
    h.sandbox.clock.advance(day + minute)
    expect((await proposalOf(h, number)).port_req_status).toBe('foc_received')
  })

  it('treats queued, validation-pending and errored orders as drafts: edited into the lifecycle, cancelled or deleted', async () => {
    const phase = async (requestPhase: string): Promise<Body[]> =>
      (await h.call('POST', '/port-in/view-list', { body: { page: '1', limit: '50', request_phase: requestPhase } })).body.data.result as Body[]
    const [queued] = await phase('Queue')
    const [pending] = await phase('Validation_Pending')
    const [errored] = await phase('Error')
    for (const draft of [queued!, pending!, errored!]) {
      expect(draft.port_proposals[0]).toMatchObject({ allow_suborder_edit: true, allow_suborder_cancel: true, allow_suborder_delete: true })
    }
    const edited = await h.call('POST', '/port-in/update-request', { body: { port_req_id: queued!.port_req_id, port_req_detail: portDetail(h.sandbox.clock.now()) } })
    expect(edited.body.code).toBe(200)
    const moved = (await phase('In_Progress')).find((entry) => entry.port_req_id === queued!.port_req_id)
    expect(moved?.port_proposals[0].port_req_status).toBe('submitted')

    expect((await h.call('POST', '/port-in/delete-request', { body: { port_request_id: pending!.port_req_id } })).body.code).toBe(200)
    expect((await phase('Validation_Pending')).map((entry) => entry.port_req_id)).not.toContain(pending!.port_req_id)
    expect((await h.call('POST', '/port-in/cancel-order', { body: { port_req_id: errored!.port_req_id } })).body.code).toBe(200)
    expect((await phase('Cancelled')).map((entry) => entry.port_req_id)).toContain(errored!.port_req_id)
    // A submitted order is not a draft: it must be cancelled before it can be deleted.
    const live = await submit(h, [foreign(4)])
    const refused = await h.call('POST', '/port-in/delete-request', { body: { port_request_id: live } })
    expect(refused.body).toMatchObject({ code: 400, message: expect.stringContaining('Only a cancelled port request') })
  })

  it('accepts PDF, PNG and JPG documents by their content up to 10 MB and refuses anything else', async () => {
    const id = await submit(h, [foreign(5)])
    const upload = (type: string, bytes: Uint8Array, name: string) => {
      const form = new FormData()
      form.set('port_req_id', String(id))
      form.set('type', type)
      form.set('file', new Blob([bytes]), name)
      return h.call('POST', '/port-in/upload-docs', { form })
    }
    const pdf = new TextEncoder().encode('%PDF-1.7 letter of authorisation')
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])
    const jpg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])
    expect((await upload('loa', pdf, 'loa.pdf')).body.code).toBe(200)
    expect((await upload('bill', png, 'bill.png')).body.code).toBe(200)
    expect((await upload('csr', jpg, 'csr.jpeg')).body.code).toBe(200)
    const detail = await h.call('GET', '/port-in/view-port-detail', { query: { port_req_id: String(id) } })
    expect(detail.body.data).toMatchObject({ loa_file: expect.stringMatching(/\.pdf$/), bill_file: expect.stringMatching(/\.png$/), csr_file: expect.stringMatching(/\.jpg$/) })

    const refusals = [
      await upload('loa', new TextEncoder().encode('account,btn\n1,2'), 'loa.csv'),
      await upload('loa', new TextEncoder().encode('not really a pdf'), 'loa.pdf'),
      await upload('loa', png, 'loa.pdf'),
      await upload('loa', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]), 'loas.zip'),
    ]
    for (const refusal of refusals) expect(refusal).toMatchObject({ status: 400, body: { code: 400, message: 'file must be a PDF, PNG or JPG document' } })
    const tooLarge = new Uint8Array(10 * 1024 * 1024 + 1)
    tooLarge.set(pdf)
    expect((await upload('loa', tooLarge, 'big.pdf')).body).toMatchObject({ code: 400, message: 'file must be at most 10 MB' })
    expect((await h.ledger('port-upload-docs')).filter((entry) => entry.details.port_req_id === id)).toHaveLength(3)

    expect((await h.call('POST', '/port-in/cancel-order', { body: { port_req_id: id } })).body.code).toBe(200)
    const afterCancel = await upload('loa', pdf, 'loa.pdf')
    expect(afterCancel.body).toMatchObject({ code: 400, message: 'Documents cannot be changed for a Cancelled port request' })
  })

  it('keeps a submit whose answer was lost (reset after commit) as exactly one order, and refuses a blind retry', async () => {
    const numbers = [foreign(6), foreign(7)]
    await h.faults({ script: [{ fault: 'reset-after-commit', match: 'submit-port-details' }] })
    const lost = h.call('POST', '/port-in/submit-port-details', { body: { did_type: 'LCL', numbers, port_req_detail: portDetail(h.sandbox.clock.now()) } })
    await expect(lost).rejects.toThrow()
    const listed = await h.call('POST', '/port-in/view-list', { body: { page: '1', limit: '10', numbers } })
    expect(listed.body.data.totalRecords).toBe(1)
    const id = listed.body.data.result[0].port_req_id as number
    expect((await h.ledger('port-submit')).filter((entry) => (entry.details.numbers as string[]).some((tn) => numbers.includes(tn)))).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ port_req_id: id, numbers }) }),
    ])
    const retry = await h.call('POST', '/port-in/submit-port-details', { body: { did_type: 'LCL', numbers, port_req_detail: portDetail(h.sandbox.clock.now()) } })
    expect(retry.body).toMatchObject({ code: 400, message: expect.stringContaining('cannot be ported') })
    expect((await h.call('POST', '/port-in/view-list', { body: { page: '1', limit: '10', numbers } })).body.data.totalRecords).toBe(1)
  })
})

describe('rejected ports (portRejectionRate 1)', () => {
  let h: Call48Harness
  beforeAll(async () => {
    h = await startCall48Harness({ numbers: 200, portRejectionRate: 1 })
  })
  afterAll(async () => {
    await h.stop()
  })

  it('rejects after 24 h with a reason naming the account data, listed among the problematic ports', async () => {
    const number = foreign(20)
    const id = await submit(h, [number])
    h.sandbox.clock.advance(day - 10 * minute)
    expect((await proposalOf(h, number)).port_req_status).toBe('reviewed')
    h.sandbox.clock.advance(11 * minute)
    const rejected = await proposalOf(h, number)
    expect(rejected).toMatchObject({ port_req_status: 'retry', foc_date: null, allow_suborder_edit: true })
    expect(rejected.failure_reason).toMatch(/^LSR rejected \|\| Rejection reason (ACCN|PIN|NAME|ADDR|BTN) : \w/)
    const problems = await h.call('POST', '/port-in/view-rejection-list', { body: { page: '1', limit: '100', numbers: [number] } })
    expect(problems.body.data.result.result).toEqual([
      expect.objectContaining({ port_req_id: id, port_proposal_id: rejected.port_proposal_id, port_req_status: 'retry', order_status: 'Rejected', failure_reason: rejected.failure_reason, did_count: 1 }),
    ])
  })

  it('rejects an unchanged resubmission again with the same reason, and accepts one that corrects what the reason names', async () => {
    const number = foreign(21)
    const id = await submit(h, [number])
    h.sandbox.clock.advance(day + minute)
    const first = await proposalOf(h, number)
    expect(first.port_req_status).toBe('retry')

    // An edit of other fields only (a new contact e-mail) is a resubmission the carrier rejects again.
    const unchanged = await h.call('POST', '/port-in/update-request', { body: { port_req_id: id, port_req_detail: portDetail(h.sandbox.clock.now(), { email_updates: 'noc@example.com' }) } })
    expect(unchanged.body.code).toBe(200)
    const resubmitted = await proposalOf(h, number)
    expect(resubmitted).toMatchObject({ port_req_status: 'submitted', resubmitted_at: expect.any(String) })
    h.sandbox.clock.advance(day + minute)
    const again = await proposalOf(h, number)
    expect(again).toMatchObject({ port_req_status: 'retry', failure_reason: first.failure_reason })

    const corrected = await h.call('POST', '/port-in/update-request', { body: { port_req_id: id, port_req_detail: portDetail(h.sandbox.clock.now(), correction(first.failure_reason)) } })
    expect(corrected.body.code).toBe(200)
    h.sandbox.clock.advance(day + minute)
    expect(await proposalOf(h, number)).toMatchObject({ port_req_status: 'foc_received', failure_reason: null })
    expect((await h.ledger('port-update')).filter((entry) => entry.details.port_req_id === id)).toHaveLength(2)
  })

  it('takes a correction of one sub order on its own', async () => {
    // Numbers of two NPAs usually go to two losing carriers, hence two sub orders.
    const numbers = [foreign(22), `615${foreign(22).slice(3)}`, `502${foreign(23).slice(3)}`]
    const id = await submit(h, numbers)
    h.sandbox.clock.advance(day + minute)
    const request = await requestOf(h, numbers[0]!)
    const proposals = request.port_proposals as Body[]
    expect(proposals.length).toBeGreaterThanOrEqual(2)
    const [target, other] = proposals as [Body, Body]
    const edit = await h.call('POST', '/port-in/update-request', {
      body: { port_req_id: id, port_proposal_id: target.port_proposal_id, port_req_detail: portDetail(h.sandbox.clock.now(), correction(target.failure_reason)) },
    })
    expect(edit.body.code).toBe(200)
    h.sandbox.clock.advance(day + minute)
    const after = (await requestOf(h, numbers[0]!)).port_proposals as Body[]
    expect(after.find((entry) => entry.port_proposal_id === target.port_proposal_id)?.port_req_status).toBe('foc_received')
    expect(after.find((entry) => entry.port_proposal_id === other.port_proposal_id)).toMatchObject({ port_req_status: 'retry', failure_reason: other.failure_reason })
  })

})

describe('the rejection rate', () => {
  async function outcomes(seed: number, rate: number | undefined): Promise<string[]> {
    const h = await startCall48Harness({ numbers: 100, seed, ...(rate === undefined ? {} : { portRejectionRate: rate }) })
    try {
      for (let n = 0; n < 30; n += 1) await submit(h, [foreign(100 + n)])
      h.sandbox.clock.advance(day + minute)
      const results: string[] = []
      for (let n = 0; n < 30; n += 1) {
        const proposal = await proposalOf(h, foreign(100 + n))
        results.push(proposal.port_req_status === 'retry' ? reasonCode(proposal.failure_reason) : proposal.port_req_status)
      }
      return results
    } finally {
      await h.stop()
    }
  }

  it('rejects about one order in five by default, the same ones with the same reasons for the same seed', async () => {
    const first = await outcomes(3, undefined)
    const rejected = first.filter((outcome) => outcome !== 'foc_received')
    expect(rejected.length).toBeGreaterThanOrEqual(2)
    expect(rejected.length).toBeLessThanOrEqual(12)
    expect(await outcomes(3, 0.2)).toEqual(first)
    expect(await outcomes(3, 0)).toEqual(first.map(() => 'foc_received'))
  })

  it('is checked when the Sandbox starts', async () => {
    await expect(startCall48Harness({ portRejectionRate: 1.5 })).rejects.toThrow(/portRejectionRate/)
  })
})
