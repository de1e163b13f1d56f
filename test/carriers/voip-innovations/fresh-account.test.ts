/**
 * A VoIP Innovations account that never synced can still buy: the adapter learns the endpoint group most
 * of the account's numbers use from the first page of an audit (and stops reading there), then assigns.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { NumberActions } from '../../../src/main/carriers/adapter'
import { defaultEndpointGroupMemo } from '../../../src/main/carriers/voip-innovations/adapter'
import { openSandboxDesk, type SandboxDesk } from '../../helpers/sandbox-desk'

let desk: SandboxDesk
beforeAll(async () => {
  desk = await openSandboxDesk({ carriers: ['voip-innovations'], numbers: 5000, seed: 21 })
})
afterAll(async () => {
  await desk?.close()
})

it('buys on a fresh account onto the group its numbers use, learnt from one audit page', async () => {
  const accountId = desk.account('voip-innovations').id
  expect(desk.desk.store.memo.get(accountId, defaultEndpointGroupMemo)).toBeUndefined()
  const actions = (await desk.client('voip-innovations')).numbers as Required<NumberActions>
  const signal = new AbortController().signal
  const offers = await actions.search({ query: { type: 'local', state: 'TX', limit: 50 }, signal })
  const offer = offers.find((o) => (o.offer as { tier?: string }).tier !== '777')
  expect(offer).toBeDefined()

  const result = await actions.purchase({ numbers: [offer!], signal })
  expect(result.lines).toEqual([expect.objectContaining({ e164: offer!.e164, ok: true })])
  const learnt = desk.desk.store.memo.get(accountId, defaultEndpointGroupMemo)
  expect(typeof learnt).toBe('number')
  const [record] = await actions.read({ e164s: [offer!.e164], signal })
  expect(record).toMatchObject({ status: 'active', trunk: String(learnt) })
  expect(desk.sandbox.ledger.entries({ carrier: 'voip-innovations', operation: 'assignDID' })).toHaveLength(1)
})
