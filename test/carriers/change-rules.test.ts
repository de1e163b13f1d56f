/**
 * Each carrier's field rules (`changeProblem`, which a change set's dry run asks without connecting) say
 * exactly what its client's `change` refuses before sending anything: for every kind of change the carrier
 * offers, a value the rules refuse is refused by the client with a validation error and reaches no
 * simulator, and a value the rules accept is not refused that way. When a client learns to take something
 * new (forwarding at VoIP Innovations, say), this fails until the rules learn it too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { changeCapability, type CarrierId, type NumberChange, type OrderLine } from '../../src/shared/domain'
import { AppError } from '../../src/main/lib/app-error'
import { openSandboxDesk, type SandboxDesk } from '../helpers/sandbox-desk'

const address = { callerName: 'ACME', street: '1 Main St', city: 'Miami', state: 'FL', zip: '33101' }

const samples: NumberChange[] = [
  { kind: 'routing', routing: { kind: 'trunk', trunk: '12' } },
  { kind: 'routing', routing: { kind: 'trunk', trunk: 'not-a-trunk' } },
  { kind: 'routing', routing: { kind: 'forward', destination: '+13055550100' } },
  { kind: 'cnam', cnam: 'RULES TEST' },
  { kind: 'cnam', cnam: null },
  { kind: 'e911', address },
  { kind: 'e911', address: { ...address, street: 'Main St' } },
  { kind: 'listing411', listing: { listed: true, name: 'Jane Doe', address } },
  { kind: 'listing411', listing: { listed: true } },
  { kind: 'fax', fax: { enabled: false } },
  { kind: 'status', status: 'suspended' },
  { kind: 'status', status: 'active' },
]

let env: SandboxDesk

beforeAll(async () => {
  env = await openSandboxDesk({ carriers: ['call48', 'vitcom', 'voip-innovations', 'nexogy'], numbers: 600, seed: 3 })
  await env.desk.sync.start({ areas: ['numbers'] }).done
}, 120_000)
afterAll(async () => {
  await env?.close()
})

/** Whether the client refused the change as invalid before sending it (thrown, or every line so marked). */
async function refusedByClient(carrier: CarrierId, e164: string, change: NumberChange): Promise<{ refused: boolean; sent: number }> {
  const client = await env.client(carrier)
  const before = env.sandbox.ledger.entries({ carrier }).length
  let lines: OrderLine[] = []
  try {
    lines = (await client.numbers!.change!({ e164s: [e164], change, signal: new AbortController().signal })) ?? []
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') return { refused: true, sent: env.sandbox.ledger.entries({ carrier }).length - before }
  }
  const refused = lines.length > 0 && lines.every((line) => line.code === 'validation' || line.code === 'unsupported')
  return { refused, sent: env.sandbox.ledger.entries({ carrier }).length - before }
}

describe("the carriers' field rules", () => {
  // Nexogy's numbers are its clients' main numbers, which the numbers sync does not cache: no number to try.
  for (const carrier of ['call48', 'vitcom', 'voip-innovations'] as const) {
    it(`${carrier}: the rules refuse exactly what its change refuses unsent`, async () => {
      const adapter = env.desk.registry.get(carrier)
      const [number] = env.desk.store.numbers.list({ filters: { accountIds: [env.account(carrier).id], statuses: ['active'] }, limit: 1 }).rows
      expect(number, `an active ${carrier} number`).toBeDefined()
      const verdicts: string[] = []
      for (const change of samples.filter((sample) => adapter.capabilities.includes(changeCapability[sample.kind]))) {
        const rule = adapter.changeProblem?.(change)
        const { refused, sent } = await refusedByClient(carrier, number!.e164, change)
        verdicts.push(`${JSON.stringify(change)}: rules ${rule ? 'refuse' : 'accept'}, client ${refused ? 'refuses' : 'sends'}`)
        expect(refused, verdicts.at(-1)).toBe(rule !== undefined)
        if (rule) expect(sent, `${JSON.stringify(change)} refused by the rules reached the simulator`).toBe(0)
      }
      expect(verdicts.length).toBeGreaterThan(0)
    }, 60_000)
  }
})
