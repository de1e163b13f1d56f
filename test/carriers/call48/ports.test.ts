/**
 * Call48 port-in against the simulator: portability, submit, detail, lists, DID list per sub order,
 * update, documents (multipart LOA/bill/CSR), forwarding, CSV export, cancel and delete, FOC list,
 * activation details, activation of orders and DIDs, and problematic ports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Call48Client, PortRequestDetailInput } from '../../../src/main/carriers/call48/client'
import { carrierError, signal, startCall48, type Call48Bench } from './helpers'

let bench: Call48Bench
let client: Call48Client

const detail: PortRequestDetailInput = {
  cust_acc_name: 'Test 1324',
  cust_authorized_name: 'Test user',
  cust_acc_type: 'RES',
  cust_acc_number: '1234566',
  address_street_name: 'Test',
  address_number: '54322',
  address_loc_designator: 'Suite',
  city: 'Test',
  btn: '7012001000',
  state: 'AL',
  activation_type: 'Auto',
  desired_foc_date: '2031-06-03T00:00:00Z',
  postal_code: '35201',
  activation_date: '2031-06-03T12:00:00-04:00',
}

beforeAll(async () => {
  bench = await startCall48()
  client = bench.client()
})
afterAll(async () => {
  await bench.stop()
})

describe('a new port request', () => {
  const numbers = ['+17012001293', '+17012004432']
  let portReqId = 0
  let proposalId = 0

  it('checks portability: a foreign number can be ported, one of the account cannot', async () => {
    const { dids } = await client.listDids({ type: 'local', page: 1, max: 1, signal: signal() })
    const answer = await client.checkPortability({ didType: 'LCL', numbers: [numbers[0]!, dids[0]!.did], signal: signal() })
    expect(answer).toEqual({ '7012001293': true, [dids[0]!.did]: false })
  })

  it('submits, then finds it by number in the list with its sub order and DIDs', async () => {
    ;({ portReqId } = await client.submitPort({ didType: 'LCL', numbers, detail, forwarding: { fwd_device_password: 'dev-pass-9' }, signal: signal() }))
    expect(bench.ledger('port-submit').map((entry) => entry.details.port_req_id)).toEqual([portReqId])
    const { requests, total } = await client.listPorts({ page: 1, limit: 10, numbers: ['7012001293'], signal: signal() })
    expect(total).toBe(1)
    expect(requests[0]).toMatchObject({ port_req_id: portReqId, request_phase: 'In_Progress' })
    const proposals = requests[0]!.port_proposals
    expect(proposals.every((proposal) => proposal.port_req_status === 'submitted')).toBe(true)
    proposalId = proposals[0]!.port_proposal_id
    const dids = (await Promise.all(proposals.map((proposal) => client.listPortDids({ portProposalId: proposal.port_proposal_id, signal: signal() })))).flat()
    expect(dids.map((did) => did.did).sort()).toEqual(['7012001293', '7012004432'])
    const detailRead = await client.viewPortDetail({ portReqId, signal: signal() })
    expect(detailRead).toMatchObject({ port_req_id: portReqId, cust_acc_name: 'Test 1324', state_code: 'AL' })
    const forwarding = await client.portForwardingDetails({ portReqId, signal: signal() })
    expect(forwarding.port_req_id).toBe(portReqId)
    expect(JSON.stringify(forwarding)).not.toContain('dev-pass-9')
  })

  it('updates the request and its forwarding', async () => {
    await client.updatePort({ portReqId, detail: { ...detail, cust_acc_name: 'Renamed Customer' }, signal: signal() })
    expect((await client.viewPortDetail({ portReqId, signal: signal() })).cust_acc_name).toBe('Renamed Customer')
    await client.updatePortForwarding({
      portReqId,
      forwardings: [{ forwardingTypeId: 2, sequence: 1, method: 'NUM', value: '12356789133', timeoutSeconds: 30 }],
      preconfigured: false,
      signal: signal(),
    })
    const forwarding = await client.portForwardingDetails({ portReqId, signal: signal() })
    expect(forwarding.port_req_forwardings).toEqual([expect.objectContaining({ method: 'NUM', value: '12356789133', timeout: 30, sequence: 1 })])
  })

  it('uploads an LOA as multipart and removes it again', async () => {
    await client.uploadPortDocument({
      portReqId,
      type: 'loa',
      file: { name: 'loa.pdf', content: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]), contentType: 'application/pdf' },
      signal: signal(),
    })
    expect(bench.ledger('port-upload-docs').map((entry) => entry.details)).toEqual([{ port_req_id: portReqId, type: 'loa', file: 'loa.pdf', size: 5 }])
    expect((await client.viewPortDetail({ portReqId, signal: signal() })).loa_file).toMatch(/loa\.pdf$/)
    await client.removePortDocument({ portReqId, type: 'loa', signal: signal() })
    expect((await client.viewPortDetail({ portReqId, signal: signal() })).loa_file).toBeNull()
    const again = await carrierError(client.removePortDocument({ portReqId, type: 'loa', signal: signal() }))
    expect(again.message).toContain('No loa document')
  })

  it('exports requests, a request\'s sub orders and a sub order\'s numbers as CSV rows', async () => {
    const subOrders = await client.exportPorts({ portReqId, signal: signal() })
    expect(subOrders.map((row) => row.status)).toEqual(subOrders.map(() => 'submitted'))
    expect(subOrders.map((row) => Number(row.sub_order_id))).toContain(proposalId)
    const didRows = await client.exportPorts({ portProposalId: proposalId, signal: signal() })
    expect(didRows.every((row) => row.sub_order_id === String(proposalId) && /^\d{10}$/.test(row.tn ?? ''))).toBe(true)
    const requests = await client.exportPorts({ requestPhase: 'In_Progress', signal: signal() })
    expect(requests.map((row) => row.port_req_id)).toContain(String(portReqId))
    expect(requests.every((row) => row.request_phase === 'In_Progress')).toBe(true)
  })

  it('refuses to activate before the FOC, then cancels one DID, deletes it, cancels and deletes the request', async () => {
    const early = await carrierError(client.activatePort({ portReqId, signal: signal() }))
    expect(early.message).toContain('FOC')
    const dids = await client.listPortDids({ portProposalId: proposalId, signal: signal() })
    const target = dids[0]!.did
    await client.cancelPortDid({ portProposalId: proposalId, number: target, signal: signal() })
    await client.deletePort({ portProposalId: proposalId, number: target, signal: signal() })
    expect(bench.ledger('port-delete').map((entry) => entry.details)).toEqual([{ port_proposal_id: proposalId, number: target }])
    const notCancelled = await carrierError(client.deletePort({ portReqId, signal: signal() }))
    expect(notCancelled.message).toContain('Only a cancelled port request')
    await client.cancelPort({ portReqId, signal: signal() })
    const { requests } = await client.listPorts({ page: 1, limit: 50, requestPhase: 'Cancelled', signal: signal() })
    expect(requests.map((request) => request.port_req_id)).toContain(portReqId)
    await client.deletePort({ portReqId, signal: signal() })
    expect((await client.listPorts({ page: 1, limit: 10, numbers: ['7012001293'], signal: signal() })).total).toBe(0)
  })
})

describe('FOC, activation and problems (seeded orders)', () => {
  it('lists FOC-ready manual numbers, reads and changes activation details, and activates one DID', async () => {
    const { rows } = await client.listFocReady({ page: 1, limit: 50, activationType: 'Manual', signal: signal() })
    const waiting = rows.filter((row) => row.port_status === 'foc_received')
    expect(waiting.length).toBeGreaterThanOrEqual(2)
    const [first, second] = waiting
    const view = await client.viewDidActivation({ did: first!.did, portProposalId: first!.port_proposal_id, signal: signal() })
    expect(view).toMatchObject({ did: first!.did, port_status: 'foc_received', activation_type: 'Manual' })
    await client.updateDidActivation({ did: second!.did, portProposalId: second!.port_proposal_id, activationType: 'Manual', activationDate: '2031-01-21T12:00:00-05:00', signal: signal() })
    expect(bench.ledger('port-update-activation')).toHaveLength(1)
    await client.activatePortDid({ portProposalId: first!.port_proposal_id, number: first!.did, signal: signal() })
    const after = await client.viewDidActivation({ did: first!.did, portProposalId: first!.port_proposal_id, signal: signal() })
    expect(after.port_status).toBe('activated')
    await client.activatePort({ portProposalId: second!.port_proposal_id, signal: signal() })
    const owned = (await client.listDids({ type: 'local', page: 1, max: 1000, signal: signal() })).dids.map((did) => did.did)
    expect(owned).toEqual(expect.arrayContaining([first!.did, second!.did]))
  })

  it('lists problematic ports with their rejection reasons', async () => {
    const problems = await client.listProblematicPorts({ page: 1, limit: 10, signal: signal() })
    expect(problems.total).toBeGreaterThanOrEqual(2)
    expect(problems.ports.some((port) => port.port_req_status === 'retry' && /Rejection reason/.test(port.failure_reason ?? ''))).toBe(true)
    expect(problems.atlStatuses).toContain('LSR Rejected')
  })

  it('reads a sub order\'s own detail and refuses an unknown one', async () => {
    const { requests } = await client.listPorts({ page: 1, limit: 5, signal: signal() })
    const proposal = requests[0]!.port_proposals[0]!
    const subDetail = await client.viewPortDetail({ portProposalId: proposal.port_proposal_id, signal: signal() })
    expect(subDetail.port_proposal_id).toBe(proposal.port_proposal_id)
    const missing = await carrierError(client.listPortDids({ portProposalId: 99_999, signal: signal() }))
    expect(missing.info.carrierCode).toBe('404')
  })
})
