/**
 * A number's settings beyond the cache, read from its carrier on demand, the account's number groups, and
 * the conference line. The conference PIN is a secret: it leaves the carrier client only for
 * `revealConferencePin` (the technician's explicit request, logged without the PIN), it is never cached,
 * logged or put in an error, and a PIN typed to set a line is scrubbed from any error text.
 */
import type { NumberKey } from '../../../shared/domain'
import type { NumberFeaturesView, NumberGroupsView, SettledView } from '../../../shared/ipc-shared'
import { AppError } from '../../lib/app-error'
import type { CarrierClient, ConferenceActions } from '../../carriers/adapter'
import type { AccountRow } from '../../store/repositories/accounts'
import type { NumbersDeps } from './carrier-actions'
import { OneNumber } from './one-number'

export class NumberFeaturesService {
  private readonly one: OneNumber

  constructor(private readonly deps: NumbersDeps) {
    this.one = new OneNumber(deps)
  }

  async get(key: NumberKey, signal: AbortSignal): Promise<NumberFeaturesView> {
    const account = this.one.accountOf(key)
    const client = await this.one.client(account, 'numbers.features')
    if (!client.numbers?.features) throw new AppError('validation', 'This carrier does not report number features')
    const features = await client.numbers.features({ e164: key.e164, signal })
    return { ...features, asOf: this.deps.now() }
  }

  /** The account's number groups as the carrier lists them now, each with how many cached numbers are in it. */
  async groups(input: { accountId: string }, signal: AbortSignal): Promise<NumberGroupsView> {
    const account = this.deps.accounts.find(input.accountId)
    const client = await this.one.client(account, 'numbers.groups')
    if (!client.numbers?.groups) throw new AppError('validation', 'This carrier has no number groups')
    const groups = await client.numbers.groups({ signal })
    const counts = this.deps.store.numbers.groupCounts(account.id)
    return { accountId: account.id, groups: groups.map((group) => ({ ...group, cached: counts.get(group.name) ?? 0 })), asOf: this.deps.now() }
  }

  async groupMembers(input: { accountId: string; groupId: string }, signal: AbortSignal): Promise<{ accountId: string; groupId: string; numbers: string[]; asOf: number }> {
    const account = this.deps.accounts.find(input.accountId)
    const client = await this.one.client(account, 'numbers.groups')
    if (!client.numbers?.groupMembers) throw new AppError('validation', 'This carrier cannot list a group\'s numbers')
    const numbers = await client.numbers.groupMembers({ groupId: input.groupId, signal })
    return { accountId: account.id, groupId: input.groupId, numbers, asOf: this.deps.now() }
  }

  private async conferenceOf(key: NumberKey): Promise<{ account: AccountRow; conference: ConferenceActions; client: CarrierClient }> {
    const account = this.one.accountOf(key)
    const client = await this.one.client(account, 'numbers.conference')
    if (!client.conference) throw new AppError('validation', 'This carrier has no conference lines')
    return { account, conference: client.conference, client }
  }

  /** Whether the number is a conference line; the PIN is dropped here, in main. */
  async conference(key: NumberKey, signal: AbortSignal): Promise<{ enabled: boolean; asOf: number }> {
    const { conference } = await this.conferenceOf(key)
    const { enabled } = await conference.get({ e164: key.e164, signal })
    return { enabled, asOf: this.deps.now() }
  }

  /** The PIN, on explicit request: the one answer that carries it. The reveal is logged, never the PIN. */
  async revealConferencePin(key: NumberKey, signal: AbortSignal): Promise<{ enabled: boolean; pin?: string | undefined }> {
    const { account, conference } = await this.conferenceOf(key)
    const line = await conference.get({ e164: key.e164, signal })
    this.deps.activity.record({
      accountId: account.id,
      carrier: account.carrier,
      action: 'number.conference.reveal',
      target: key.e164,
      result: 'succeeded',
      message: line.enabled ? 'Conference PIN shown' : 'No conference line: nothing to show',
    })
    return line.enabled ? { enabled: true, pin: line.pin } : { enabled: false }
  }

  async setConference(input: NumberKey & { pin: string }, signal: AbortSignal): Promise<SettledView> {
    const { account, conference } = await this.conferenceOf(input)
    return this.one.mutate(
      account,
      { action: 'number.change.conference', target: input.e164, details: { after: { enabled: true, pin: '(set, not recorded)' } }, scrub: input.pin },
      () => conference.set({ e164: input.e164, pin: input.pin, signal }),
    )
  }

  async removeConference(key: NumberKey, signal: AbortSignal): Promise<SettledView> {
    const { account, conference } = await this.conferenceOf(key)
    return this.one.mutate(account, { action: 'number.change.conference', target: key.e164, details: { after: { enabled: false } } }, () =>
      conference.remove({ e164: key.e164, signal }),
    )
  }
}
