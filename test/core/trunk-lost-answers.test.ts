/**
 * A trunk change whose answer is lost is settled by reading the carrier, never by sending it again.
 * Through the dispatcher (as the screen and the CLI call it) against the Sandbox's Vitcom and Call48, with
 * the connection cut or a 500 answered after the simulator committed the change: the change is reported
 * done (checked after the failure), the simulator's ledger holds it exactly once, the cache and the
 * activity log say the same. Cut before the commit: reported failed, nothing done, nothing resent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CarrierId } from '../../src/shared/domain'
import { openSandboxDesk, type SandboxDesk } from '../helpers/sandbox-desk'

type Fault = 'reset' | 'reset-after-commit' | 'server-error-after-commit'

describe('trunk changes whose answer is lost', () => {
  let env: SandboxDesk

  beforeAll(async () => {
    env = await openSandboxDesk({ numbers: 200 })
    await env.desk.sync.start({ areas: ['trunks'] }).done
  }, 60_000)
  afterAll(async () => {
    await env?.close()
  })

  const ledger = (carrier: CarrierId, operation: string) => env.sandbox.ledger.entries({ carrier, operation })
  const cut = (carrier: 'vitcom' | 'call48', fault: Fault, match: string): void => {
    env.sandbox.carriers[carrier]!.faults.configure({ retryAfterSeconds: 0, script: [{ fault, match, count: 1 }] })
  }
  const logged = (action: string, target: string) => env.desk.activity.list({ limit: 50 }).find((entry) => entry.action === action && entry.target === target)
  const cached = (carrier: CarrierId, name: string) => env.desk.trunks.list(env.account(carrier).id).filter((trunk) => trunk.name === name)

  it('Vitcom: a create cut after the commit is found in the list, reported created once', async () => {
    const before = ledger('vitcom', 'defineTrunk').length
    cut('vitcom', 'reset-after-commit', 'defineTrunk')
    const result = await env.dispatcher.invoke('trunks.create', {
      accountId: env.account('vitcom').id,
      direction: 'origination',
      values: { name: 'Lost answer A', ip: '203.0.113.21', billing: 'metered' },
      confirmed: true,
    })
    expect(result).toMatchObject({ ok: true, value: { outcome: 'succeeded', checkedAfterFailure: true, trunk: { name: 'Lost answer A' } } })
    expect(ledger('vitcom', 'defineTrunk')).toHaveLength(before + 1)
    expect(cached('vitcom', 'Lost answer A')).toHaveLength(1)
    const entry = env.desk.activity.list({ limit: 20 }).find((e) => e.action === 'trunk.create' && e.result === 'succeeded')
    expect(entry).toMatchObject({ details: { checkedAfterFailure: true } })
  })

  it('Vitcom: a create cut before the commit is reported failed, not sent again, and nothing is created', async () => {
    const before = ledger('vitcom', 'defineTrunk').length
    const requests = env.sandbox.carriers.vitcom!.server.requestCount('/defineTrunk')
    cut('vitcom', 'reset', 'defineTrunk')
    const result = await env.dispatcher.invoke('trunks.create', {
      accountId: env.account('vitcom').id,
      direction: 'origination',
      values: { name: 'Lost answer B', ip: '203.0.113.22', billing: 'metered' },
      confirmed: true,
    })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/Not created: no trunk "Lost answer B" is listed/)
    expect(ledger('vitcom', 'defineTrunk')).toHaveLength(before)
    expect(env.sandbox.carriers.vitcom!.server.requestCount('/defineTrunk')).toBe(requests + 1)
    expect(cached('vitcom', 'Lost answer B')).toEqual([])
    const entry = env.desk.activity.list({ limit: 20 }).find((e) => e.action === 'trunk.create' && e.target === 'Lost answer B')
    expect(entry?.result).toBe('failed')
  })

  it('Vitcom: an edit answered 500 after the commit is read back with its new values, sent once', async () => {
    const trunk = cached('vitcom', 'Lost answer A')[0]!
    const before = ledger('vitcom', 'update_trunk').length
    cut('vitcom', 'server-error-after-commit', 'update_trunk')
    const result = await env.dispatcher.invoke('trunks.update', {
      accountId: trunk.accountId,
      trunkId: trunk.id,
      changes: { ip: '203.0.113.99' },
      confirmed: true,
    })
    expect(result).toMatchObject({ ok: true, value: { outcome: 'succeeded', checkedAfterFailure: true } })
    const updates = ledger('vitcom', 'update_trunk')
    expect(updates).toHaveLength(before + 1)
    expect(updates.at(-1)!.details).toMatchObject({ changed: { primaryIP: '203.0.113.99' } })
    expect(env.desk.trunks.detail({ accountId: trunk.accountId, trunkId: trunk.id }).trunk.settings).toMatchObject({ ip: '203.0.113.99' })
    expect(logged('trunk.update', trunk.id)?.result).toBe('succeeded')
  })

  it('Call48: a create and an edit cut after the commit are each done once and reported done', async () => {
    const accountId = env.account('call48').id
    const created = ledger('call48', 'trunk-create').length
    cut('call48', 'reset-after-commit', 'trunk-create')
    const result = await env.dispatcher.invoke('trunks.create', {
      accountId,
      direction: 'origination',
      values: { name: 'LostAnswerC', ip: '10.50.250.31' },
      confirmed: true,
    })
    expect(result).toMatchObject({ ok: true, value: { outcome: 'succeeded', checkedAfterFailure: true, trunk: { name: 'LostAnswerC' } } })
    expect(ledger('call48', 'trunk-create')).toHaveLength(created + 1)
    const trunk = cached('call48', 'LostAnswerC')[0]!

    const updated = ledger('call48', 'trunk-update').length
    cut('call48', 'reset-after-commit', 'trunk-update')
    const edit = await env.dispatcher.invoke('trunks.update', { accountId, trunkId: trunk.id, changes: { secondaryIp: '10.50.250.32' }, confirmed: true })
    expect(edit).toMatchObject({ ok: true, value: { outcome: 'succeeded', checkedAfterFailure: true } })
    expect(ledger('call48', 'trunk-update')).toHaveLength(updated + 1)
    expect(env.desk.trunks.detail({ accountId, trunkId: trunk.id }).trunk.settings).toMatchObject({ secondaryIp: expect.stringContaining('10.50.250.32') })
  })
})
