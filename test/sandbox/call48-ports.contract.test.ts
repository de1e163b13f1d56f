/**
 * Raw-HTTP contract tests of the Call48 port-in lifecycle: portability, submit, detail, lists, documents,
 * forwarding, edits and resubmission after rejection, cancel/delete, FOC, activation and CSV export, with
 * orders moving as the simulated clock advances.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox } from '../../src/main/sandbox/index'
import { correction, startCall48Harness, type Body, type Call48Harness } from './call48-helpers'

const hour = 3_600_000
let harness: Call48Harness
let sandbox: Sandbox
const call: Call48Harness['call'] = (...args) => harness.call(...args)
const ledger: Call48Harness['ledger'] = (operation) => harness.ledger(operation)

function detail(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const foc = new Date(sandbox.clock.now() + 4 * 24 * hour).toISOString()
  return {
    cust_acc_name: 'Test 1324',
    cust_authorized_name: 'Test user',
    cust_acc_type: 'RES',
    cust_acc_number: '1234566',
    address_street_name: 'Test',
    address_number: '54322',
    address_loc_designator: 'Test',
    city: 'Test',
    btn: '43020',
    state: 'MI',
    activation_type: 'Auto',
    desired_foc_date: foc,
    postal_code: '53213',
    activation_date: foc,
    ...overrides,
  }
}

async function submit(numbers: string[], overrides: Record<string, unknown> = {}): Promise<number> {
  const answer = await call('POST', '/port-in/submit-port-details', { body: { did_type: 'LCL', port_req_detail: detail(overrides), numbers } })
  expect(answer.body).toMatchObject({ code: 200, message: 'Successful Operation' })
  return answer.body.data.port_req_id as number
}

async function portOf(id: number): Promise<Body> {
  const list = await call('POST', '/port-in/view-list', { body: { page: '1', limit: '100' } })
  const found = (list.body.data.result as Body[]).find((entry) => entry.port_req_id === id)
  if (!found) throw new Error(`port ${id} not listed`)
  return found
}

const uniqueNumber = (n: number): string => `701${300 + n}${String(1000 + n).padStart(4, '0')}`

beforeAll(async () => {
  harness = await startCall48Harness({ numbers: 1_000, seed: 7 })
  sandbox = harness.sandbox
})

afterAll(async () => {
  await harness.stop()
})

describe('port-in', () => {
  it('checks portability number by number', async () => {
    const owned = await call('GET', '/dids', { query: { type: 'local', page: '1', max: '1' } })
    const ownedNumber = owned.body.data[0].did as string
    const answer = await call('POST', '/port-in/check-ports', { body: { did_type: 'LCL', numbers: ['17012001293', ownedNumber, '8005551234'] } })
    expect(answer.body.code).toBe(200)
    expect(answer.body.data).toEqual({ '7012001293': true, [ownedNumber]: false, '8005551234': false })
    expect(answer.body.message).toBe('Some number(s) cannot be ported')
    const allGood = await call('POST', '/port-in/check-ports', { body: { did_type: 'LCL', numbers: ['7012001293'] } })
    expect(allGood.body.message).toBe('Number(s) can be ported')
    expect((await call('POST', '/port-in/check-ports', { body: { did_type: 'XX', numbers: [] } })).status).toBe(400)
  })

  it('has seeded orders in every request phase, which move when the clock advances', async () => {
    for (const phase of ['Queue', 'Validation_Pending', 'Error', 'In_Progress', 'Completed', 'Cancelled']) {
      const list = await call('POST', '/port-in/view-list', { body: { page: '1', limit: '50', request_phase: phase } })
      expect(list.body.data.totalRecords, phase).toBeGreaterThan(0)
      for (const entry of list.body.data.result) expect(entry.request_phase).toBe(phase)
    }
    const all = await call('POST', '/port-in/view-list', { body: { page: '1', limit: '100' } })
    const statuses = new Set((all.body.data.result as Body[]).flatMap((entry) => entry.port_proposals.map((proposal: Body) => proposal.port_req_status)))
    for (const status of ['submitted', 'reviewed', 'foc_received', 'retry', 'activated', 'cancelled']) expect(statuses).toContain(status)
    const submitted = (all.body.data.result as Body[]).find((entry) => entry.port_proposals.every((proposal: Body) => proposal.port_req_status === 'submitted'))!
    sandbox.clock.advance(3 * hour)
    const moved = await portOf(submitted.port_req_id)
    expect(moved.port_proposals.every((proposal: Body) => proposal.port_req_status === 'reviewed')).toBe(true)
    const paged = await call('POST', '/port-in/view-list', { body: { page: '2', limit: '3' } })
    expect(paged.body.data.result).toHaveLength(3)
    expect(paged.body.data.enableNext).toBe(true)
  })

  it('submits a port, shows its detail and DIDs, takes documents and forwarding, and exports it', async () => {
    const numbers = [uniqueNumber(1), uniqueNumber(2)]
    const id = await submit(numbers)
    expect((await ledger('port-submit')).at(-1)?.details).toMatchObject({ port_req_id: id, numbers })
    const listed = await portOf(id)
    expect(listed).toMatchObject({ did_type_name: 'Local', request_phase: 'In_Progress', csv_file: false })
    const proposal = listed.port_proposals[0] as Body
    expect(proposal).toMatchObject({ port_req_status: 'submitted', allow_suborder_edit: true, allow_suborder_cancel: true, allow_suborder_delete: false })

    const view = await call('GET', '/port-in/view-port-detail', { query: { port_req_id: String(id) } })
    expect(view.body.code).toBe(200)
    expect(view.body.data).toMatchObject({ port_req_id: id, cust_acc_name: 'Test 1324', state_code: 'MI', state_name: 'Michigan', loa_file: null })
    const sub = await call('GET', '/port-in/view-port-detail', { query: { port_proposal_id: String(proposal.port_proposal_id) } })
    expect(sub.body.data.port_proposal_id).toBe(proposal.port_proposal_id)
    const didList = await call('GET', '/port-in/view-did-list', { query: { port_proposal_id: String(proposal.port_proposal_id) } })
    expect(didList.body.data.success).toBe(true)
    expect(didList.body.data.result[0]).toMatchObject({ port_status: 'submitted', allow_did_cancel: true, allow_did_activate: false })

    const form = new FormData()
    form.set('port_req_id', String(id))
    form.set('type', 'loa')
    form.set('file', new Blob(['%PDF-1.4 sandbox'], { type: 'application/pdf' }), 'loa.pdf')
    expect((await call('POST', '/port-in/upload-docs', { form })).body).toEqual({ code: 200, message: 'Successful Operation' })
    expect((await call('GET', '/port-in/view-port-detail', { query: { port_req_id: String(id) } })).body.data.loa_file).toMatch(/\.pdf$/)
    expect((await call('POST', '/port-in/remove-upload-docs', { body: { port_req_id: id, type: 'loa' } })).body.code).toBe(200)
    expect((await call('GET', '/port-in/view-port-detail', { query: { port_req_id: String(id) } })).body.data.loa_file).toBeNull()
    expect((await call('POST', '/port-in/remove-upload-docs', { body: { port_req_id: id, type: 'csr' } })).body.code).toBe(400)
    const noFile = new FormData()
    noFile.set('port_req_id', String(id))
    noFile.set('type', 'bill')
    expect((await call('POST', '/port-in/upload-docs', { form: noFile })).status).toBe(400)

    const forwarding = [{ forwarding_type_id: 2, timeout: 30, value: '12356789133', method: 'NUM', sequence: 1 }]
    expect((await call('POST', '/port-in/update-forwarding', { body: { port_req_id: id, forwarding_data: forwarding, fwd_preconfigured: false } })).body.code).toBe(200)
    const details = await call('GET', '/port-in/forwarding-details', { query: { port_req_id: String(id) } })
    expect(details.body.data).toMatchObject({ port_req_id: id, fwd_preconfigured: false, fwd_sip_type: 'NA' })
    expect(details.body.data.port_req_forwardings[0]).toMatchObject({ method: 'NUM', value: '12356789133', timeout: 30, sequence: 1 })

    const subOrders = await call('POST', '/port-in/export-list', { body: { port_req_id: id } })
    expect(subOrders.headers.get('content-type')).toMatch(/text\/csv/)
    expect(subOrders.text.split('\n')[0]).toBe('sub_order_id,status,resubmitted_at,tn,active_foc_date')
    expect(subOrders.text).toContain(`${proposal.port_proposal_id},submitted,`)
    const didExport = await call('POST', '/port-in/export-list', { body: { port_proposal_id: proposal.port_proposal_id } })
    expect(didExport.text).toContain(proposal.did_count === 2 ? numbers[1]! : numbers[0]!)
    const filtered = await call('POST', '/port-in/export-list', { body: { numbers: [numbers[0]] } })
    expect(filtered.text.trim().split('\n')).toHaveLength(2)
    const byNumber = await call('POST', '/port-in/view-list', { body: { page: '1', limit: '10', numbers: [numbers[0]] } })
    expect(byNumber.body.data.result.map((entry: Body) => entry.port_req_id)).toEqual([id])
    expect((await call('POST', '/port-in/submit-port-details', { body: { did_type: 'LCL', port_req_detail: detail(), numbers } })).body.code).toBe(400)
  })

  it('rejects a port with a missing account number, lists it as problematic and takes an edit that resubmits it', async () => {
    const id = await submit([uniqueNumber(3)], { cust_acc_number: undefined })
    sandbox.clock.advance(25 * hour)
    const rejected = (await portOf(id)).port_proposals[0] as Body
    expect(rejected.port_req_status).toBe('retry')
    expect(rejected.failure_reason).toMatch(/Incorrect Account Number/)
    const problems = await call('POST', '/port-in/view-rejection-list', { body: { page: '1', limit: '50' } })
    const row = (problems.body.data.result.result as Body[]).find((entry) => entry.port_req_id === id)
    expect(row).toMatchObject({ port_req_status: 'retry', order_status: 'Rejected', target_sp: 'IPH' })
    expect(problems.body.data.result.request_phase_list).toContainEqual({ request_phase: 'In_Progress' })
    expect(problems.body.data.result.atl_status_list.length).toBeGreaterThan(10)

    expect((await call('POST', '/port-in/update-request', { body: { port_req_id: id, port_req_detail: detail({ cust_acc_number: undefined }) } })).status).toBe(400)
    const edit = await call('POST', '/port-in/update-request', { body: { port_req_id: id, port_req_detail: detail({ cust_acc_number: '998877' }) } })
    expect(edit.body).toEqual({ code: 200, message: 'Successful Operation' })
    const resubmitted = (await portOf(id)).port_proposals[0] as Body
    expect(resubmitted.port_req_status).toBe('submitted')
    expect(resubmitted.resubmitted_at).not.toBeNull()
    expect((await ledger('port-update')).at(-1)?.details.port_req_id).toBe(id)
  })

  it('moves a port to FOC, honours manual activation and adds activated DIDs to the inventory', async () => {
    const number = uniqueNumber(4)
    const id = await submit([number])
    sandbox.clock.advance(25 * hour)
    let proposal: Body = (await portOf(id)).port_proposals[0]
    // About one in five submissions is rejected: correct what the reason names and resubmit, once.
    if (proposal.port_req_status === 'retry') {
      await call('POST', '/port-in/update-request', { body: { port_req_id: id, port_req_detail: detail(correction(proposal.failure_reason)) } })
      sandbox.clock.advance(25 * hour)
      proposal = (await portOf(id)).port_proposals[0]
    }
    expect(proposal.port_req_status).toBe('foc_received')
    expect(proposal.foc_date).not.toBeNull()
    // Activation through the API waits for the FOC date.
    expect(proposal.allow_suborder_activate).toBe(false)
    const proposalId = proposal.port_proposal_id as number

    const foc = await call('POST', '/port-in/view-foc-list', { body: { page: '1', limit: '50', numbers: [number] } })
    expect(foc.body.data.count).toBe(1)
    expect(foc.body.data.rows[0]).toMatchObject({ did: number, port_status: 'foc_received', port_req_id: id, activation_type: 'Auto' })
    const manual = await call('POST', '/port-in/update-activation', {
      body: { activation_date: new Date(sandbox.clock.now()).toISOString(), activation_type: 'Manual', did: number, port_proposal_id: proposalId },
    })
    expect(manual.body.code).toBe(200)
    const activation = await call('GET', '/port-in/view-did-activation', { query: { did: number, port_proposal_id: String(proposalId) } })
    expect(activation.body.data).toMatchObject({ success: true, data: { did: number, activation_type: 'Manual', port_status: 'foc_received' } })

    sandbox.clock.advance(10 * 24 * hour)
    expect(((await portOf(id)).port_proposals[0] as Body).port_req_status).toBe('foc_received')
    expect((await call('POST', '/port-in/activate-did', { body: { port_proposal_id: proposalId, did_number: number } })).body.code).toBe(200)
    const completed = await portOf(id)
    expect(completed.request_phase).toBe('Completed')
    expect(completed.port_proposals[0].port_req_status).toBe('activated')
    const checked = await call('POST', '/port-in/check-ports', { body: { did_type: 'LCL', numbers: [number] } })
    expect(checked.body.data[number]).toBe(false)
    const owned = await call('GET', '/dids', { query: { type: 'local', page: '1', max: '1' } })
    const lastPage = await call('GET', '/dids', { query: { type: 'local', page: String(owned.body.total), max: '1' } })
    expect(lastPage.body.data[0].did).toBe(number)
    expect((await ledger('port-activated')).some((entry) => (entry.details.numbers as string[]).includes(number))).toBe(true)
    expect((await call('POST', '/port-in/activate-did', { body: { port_proposal_id: proposalId, did_number: number } })).body.code).toBe(400)
  })

  it('activates a whole order at FOC and refuses activation before FOC', async () => {
    const focOrders = await call('POST', '/port-in/view-list', { body: { page: '1', limit: '100', request_phase: 'In_Progress' } })
    const waiting = (focOrders.body.data.result as Body[]).find((entry) => entry.port_proposals.some((proposal: Body) => proposal.allow_suborder_activate))
    expect(waiting).toBeDefined()
    expect((await call('POST', '/port-in/activate-order', { body: { port_req_id: waiting!.port_req_id } })).body).toEqual({ code: 200, message: 'Successful Operation' })
    const after = await portOf(waiting!.port_req_id)
    expect(after.port_proposals.every((proposal: Body) => ['activated', 'cancelled'].includes(proposal.port_req_status))).toBe(true)
    const fresh = await submit([uniqueNumber(5)])
    const early = await call('POST', '/port-in/activate-order', { body: { port_req_id: fresh } })
    expect(early.status).toBe(200)
    expect(early.body.code).toBe(400)
    expect((await ledger('port-activate')).at(-1)?.details.port_req_id).toBe(waiting!.port_req_id)
  })

  it('cancels a DID, then the order, and deletes the cancelled order', async () => {
    const numbers = [uniqueNumber(6), uniqueNumber(7), uniqueNumber(8)]
    const id = await submit(numbers)
    const proposal = (await portOf(id)).port_proposals[0] as Body
    const dids = await call('GET', '/port-in/view-did-list', { query: { port_proposal_id: String(proposal.port_proposal_id) } })
    const firstDid = dids.body.data.result[0].did as string
    expect((await call('POST', '/port-in/cancel-did-order', { body: { port_proposal_id: proposal.port_proposal_id, did_number: firstDid } })).body.code).toBe(200)
    const afterDid = await call('GET', '/port-in/view-did-list', { query: { port_proposal_id: String(proposal.port_proposal_id) } })
    expect(afterDid.body.data.result.find((entry: Body) => entry.did === firstDid)).toMatchObject({ port_status: 'cancelled', allow_did_delete: true })
    expect((await call('POST', '/port-in/delete-request', { body: { port_proposal_id: proposal.port_proposal_id, did_number: firstDid } })).body.code).toBe(200)
    expect((await call('POST', '/port-in/delete-request', { body: { port_request_id: id } })).body.code).toBe(400)

    expect((await call('POST', '/port-in/cancel-order', { body: { port_req_id: id } })).body).toEqual({ code: 200, message: 'Successful Operation' })
    const cancelled = await portOf(id)
    expect(cancelled.request_phase).toBe('Cancelled')
    expect(cancelled.port_proposals.every((entry: Body) => entry.allow_suborder_delete)).toBe(true)
    expect((await call('POST', '/port-in/cancel-order', { body: { port_req_id: id } })).body.code).toBe(400)
    expect((await call('POST', '/port-in/delete-request', { body: { port_request_id: id } })).body.code).toBe(200)
    await expect(portOf(id)).rejects.toThrow(/not listed/)
    expect((await call('GET', '/port-in/view-port-detail', { query: { port_req_id: String(id) } })).status).toBe(404)
    for (const operation of ['port-cancel-did', 'port-cancel', 'port-delete']) expect((await ledger(operation)).length).toBeGreaterThan(0)
  })
})
