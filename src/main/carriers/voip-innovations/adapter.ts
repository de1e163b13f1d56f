/**
 * VoIP Innovations Back Office adapter: the part of VoipInnovationsClient the core uses, in domain terms.
 *
 * - Numbers: auditDIDs streams the inventory into onPage batches; the endpoint group (epg) is the trunk.
 * - Search: getDIDs by state / NPA / NXX / rate center (VI searches local numbers only).
 * - Reserve (30-minute holds), purchase (assignDID), release (releaseDID): never retried; after an
 *   ambiguous failure each number is re-read with queryDID and reported with `checkedAfterFailure`,
 *   even when the user cancels meanwhile. Per-number changes (CNAM, 911) stop between numbers on a cancel.
 * - Change: routing = configDID to another endpoint group (ending any forwarding) or SetDIDForward to a
 *   number; CNAM display name; E911 address (update911 when the number has 911); and the WSDL's
 *   per-number features (feature-changes.ts): failover, stop forwarding, DID group, fax to e-mail, remove911.
 * - Sync also reads the DID group names (GetDIDGroups), every 911 address (audit911, streamed) and the
 *   international numbers (AuditIntlDIDs); international numbers are sold by city (international.ts).
 * - The number detail's reads and per-number actions (features, conference line, 911 locations, history
 *   and alerts) are in feature-actions.ts.
 */
import { accountSettings, type SettingsIn } from '../kit/settings'
import {
  type AddressCheck,
  type AvailableNumber,
  type E911Address,
  type NumberChange,
  type NumberSearchQuery,
  type OrderLine,
  type PhoneNumberRecord,
} from '../../../shared/domain'
import { AppError } from '../../lib/app-error'
import type { AccountContext, CarrierAdapter, CarrierClient, ConferenceActions, ConnectedAccount, E911Actions, PurchaseResult, SyncNumbersOptions } from '../adapter'
import { isAuthFailure } from '../kit/auth'
import { CarrierError, isAmbiguous } from '../../lib/carrier-error'
import { settlingSignal } from '../kit/outcome'
import { numberTypeOf, toE164 } from '../kit/phone'
import { toAddress911 } from './addresses'
import { tenDigits, VoipInnovationsClient, type BatchResult, type VoipInnovationsClientOptions } from './client'
import { conferenceActions, DidGroupNames, e911Actions, features, groupMembers, groups } from './feature-actions'
import { forwardTo, moveToGroup, removeE911, setE911, setFailover, setFaxToEmail, stopForwarding } from './feature-changes'
import { cityOfOffer, IntlCatalogue, intlRecords, isInternational, purchaseInternational, releaseInternational, toCountryOffer } from './international'
import { e911Summary, isOwned, statusOfDid, toAvailableNumber, toOrderLine, toPhoneNumberRecord } from './mapping'
import { createVoipInnovationsPorts, type VoipInnovationsPorts } from './ports'
import { eachNumber, unknownOutcome } from './per-number'
import type { ViDid } from './schemas'
import { voipInnovationsChangeProblem } from './change-rules'
import { voipInnovationsCachedFacts } from './cached-facts'

/** Memo key: the endpoint group most of the account's numbers use, learnt by the last numbers sync. */
export const defaultEndpointGroupMemo = 'defaultEndpointGroup'
const syncPageSize = 1000
/** getDIDs answers at most a few hundred locators per call; more needs a narrower search. */
const maxSearchResults = 500

export { toAddress911 } from './addresses'

/** What an AvailableNumber's `offer` may carry for a purchase: the endpoint group to assign it to. */
function endpointGroupOfOffer(offer: unknown): number | undefined {
  if (typeof offer !== 'object' || offer === null) return undefined
  const value = (offer as { endpointGroup?: unknown }).endpointGroup
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined
}

export class VoipInnovationsAccountClient implements CarrierClient {
  readonly api: VoipInnovationsClient
  private readonly portsPart: VoipInnovationsPorts
  /** Portability checks and ports tracked by id (VI cannot list them). */
  readonly ports: NonNullable<CarrierClient['ports']>
  private readonly groupNames: DidGroupNames
  private readonly international: IntlCatalogue

  constructor(
    private readonly account: ConnectedAccount<Partial<SettingsIn<typeof settings>>>,
    private readonly context: AccountContext,
    options: VoipInnovationsClientOptions,
  ) {
    this.api = new VoipInnovationsClient(options)
    this.portsPart = createVoipInnovationsPorts({ api: this.api, accountId: account.id, context })
    this.ports = this.portsPart.actions
    this.groupNames = new DidGroupNames(this.api)
    this.international = new IntlCatalogue(this.api)
  }

  /** The tracked ports, each read again with getPortDetails. */
  syncPorts(options: Parameters<VoipInnovationsPorts['syncPorts']>[0]): Promise<void> {
    return this.portsPart.syncPorts(options)
  }

  private get now(): number {
    return this.api.now()
  }

  async testConnection({ signal }: { signal: AbortSignal }): Promise<{ message: string }> {
    // The cheapest authenticated read: the standing of one number (a dummy record when unknown).
    await this.api.queryDID({ did: '2015550100', signal })
    return { message: 'VoIP Innovations accepted the API login' }
  }

  /**
   * Pages auditDIDs into records with each number's DID group by name (GetDIDGroups) and its 911 address
   * (audit911, read first), then the international numbers (AuditIntlDIDs) as the last page.
   */
  async syncNumbers({ signal, onPage }: SyncNumbersOptions): Promise<void> {
    const endpointGroups = new Map<number, number>()
    const groupNames = await this.groupNamesForSync(signal)
    const addresses = new Map<string, string>()
    await this.api.audit911Records({ signal, onRecord: (record) => addresses.set(tenDigits(record.tn), e911Summary(record)) })
    let page = 0
    const asOf = this.now
    await this.api.auditDIDPages({
      signal,
      pageSize: syncPageSize,
      onPage: (dids) => {
        const rows: PhoneNumberRecord[] = []
        for (const did of dids) {
          const record = toPhoneNumberRecord(did, { accountId: this.account.id, asOf, groups: groupNames, e911: addresses.get(tenDigits(did.tn)) })
          if (!record) continue
          rows.push(record)
          if (did.endpointId > 0) endpointGroups.set(did.endpointId, (endpointGroups.get(did.endpointId) ?? 0) + 1)
        }
        page += 1
        onPage(rows, { page })
      },
    })
    const international = await intlRecords(this.api, { accountId: this.account.id, asOf, signal })
    if (international.length > 0) onPage(international, { page: page + 1 })
    const [mostUsed] = [...endpointGroups.entries()].sort((left, right) => right[1] - left[1])
    if (mostUsed) this.context.memo.set(defaultEndpointGroupMemo, mostUsed[0])
  }

  /**
   * The DID group names for a sync. An account VI refuses GetDIDGroups to still syncs: its numbers show
   * their group by id ("Group 3") rather than failing the whole inventory.
   */
  private async groupNamesForSync(signal: AbortSignal): Promise<Map<number, string>> {
    this.groupNames.forget()
    try {
      return await this.groupNames.byId(signal)
    } catch (error) {
      if (isAuthFailure(error) || !(error instanceof CarrierError) || error.info.ambiguous) throw error
      return new Map()
    }
  }

  /**
   * The endpoint group new numbers go to: the offer's, else the one most of the account's numbers use
   * (learnt by the last sync, or now from the first page of an audit when the account never synced).
   */
  private async endpointGroupFor(number: AvailableNumber, signal: AbortSignal): Promise<number> {
    const fromOffer = endpointGroupOfOffer(number.offer)
    if (fromOffer !== undefined) return fromOffer
    const remembered = this.context.memo.get(defaultEndpointGroupMemo)
    if (typeof remembered === 'number' && Number.isInteger(remembered) && remembered > 0) return remembered
    const learnt = await this.learnEndpointGroup(signal)
    if (learnt !== undefined) return learnt
    throw new AppError(
      'validation',
      'VoIP Innovations assigns numbers to an endpoint group, and this account has no numbers to learn one from: choose a group.',
    )
  }

  /** Reads the first page of the inventory (then stops the stream) and remembers its most used group. */
  private async learnEndpointGroup(signal: AbortSignal): Promise<number | undefined> {
    const firstPage = new AbortController()
    const stop = (): void => firstPage.abort()
    signal.addEventListener('abort', stop, { once: true })
    const groups = new Map<number, number>()
    try {
      await this.api.auditDIDPages({
        signal: firstPage.signal,
        pageSize: 500,
        onPage: (dids) => {
          for (const did of dids) if (did.endpointId > 0) groups.set(did.endpointId, (groups.get(did.endpointId) ?? 0) + 1)
          firstPage.abort()
        },
      })
    } catch (error) {
      // Stopping the stream after the first page is the plan; anything else (or the caller cancelling) is not.
      if (signal.aborted || !firstPage.signal.aborted) throw error
    } finally {
      signal.removeEventListener('abort', stop)
    }
    const [mostUsed] = [...groups.entries()].sort((left, right) => right[1] - left[1])
    if (!mostUsed) return undefined
    this.context.memo.set(defaultEndpointGroupMemo, mostUsed[0])
    return mostUsed[0]
  }

  /**
   * After an ambiguous batch failure: re-reads each number with queryDID and reports whether the change
   * happened. Nothing is sent again. A number that cannot be re-read gets an unknown outcome, never a guess.
   */
  private async checkAfterFailure(e164s: string[], happened: (did: ViDid) => boolean, failure: CarrierError): Promise<OrderLine[]> {
    const signal = settlingSignal()
    const lines: OrderLine[] = []
    for (const e164 of e164s) {
      let did: ViDid
      try {
        did = await this.api.queryDID({ did: tenDigits(e164), signal })
      } catch {
        lines.push(unknownOutcome(e164, failure))
        continue
      }
      const ok = happened(did)
      lines.push({
        e164,
        ok,
        code: String(did.statusCode),
        message: ok ? `Confirmed after an unclear answer: ${did.status}` : `Not done (the answer was unclear; re-read shows: ${did.status})`,
        checkedAfterFailure: true,
      })
    }
    return lines
  }

  private async runBatch(e164s: string[], send: () => Promise<BatchResult>, happened: (did: ViDid) => boolean): Promise<OrderLine[]> {
    let result: BatchResult
    try {
      result = await send()
    } catch (error) {
      if (isAmbiguous(error)) return this.checkAfterFailure(e164s, happened, error)
      throw error
    }
    return result.lines.map((line, index) => toOrderLine(line, e164s[index] as string))
  }

  private async search({ query, signal }: { query: NumberSearchQuery; signal: AbortSignal }): Promise<AvailableNumber[]> {
    if (query.type === 'international') return this.international.search(query, { accountId: this.account.id, fetchedAt: this.now, signal })
    if (query.type !== 'local') {
      throw new AppError('validation', 'VoIP Innovations\' getDIDs searches local numbers only (no toll-free search).')
    }
    const fetchedAt = this.now
    const locators = await this.api.getDIDs({
      criteria: { state: query.state, rateCenter: query.rateCenter, npa: query.npa, nxx: query.nxx },
      signal,
    })
    return locators
      .slice(0, Math.min(query.limit, maxSearchResults))
      .map((locator) => toAvailableNumber(locator, { accountId: this.account.id, fetchedAt }))
      .filter((number): number is AvailableNumber => number !== undefined)
  }

  private reserve({ numbers, signal }: { numbers: AvailableNumber[]; signal: AbortSignal }): Promise<OrderLine[]> {
    const e164s = numbers.map((number) => number.e164)
    return this.runBatch(
      e164s,
      () => this.api.reserveDID({ dids: e164s.map((e164) => ({ tn: tenDigits(e164) })), signal }),
      (did) => statusOfDid(did) === 'reserved',
    )
  }

  /**
   * assignDID for US numbers, sent once; an unclear outcome is settled by reading each number back (never
   * assigned twice). International offers (a city) are bought one AssignIntlDID each. `trunk` is the
   * endpoint group chosen for them, else each goes to its offer's or the usual one.
   */
  private async purchase({ numbers, signal, trunk }: { numbers: AvailableNumber[]; signal: AbortSignal; trunk?: string | undefined }): Promise<PurchaseResult> {
    const chosen = trunk === undefined ? undefined : Number(trunk)
    if (chosen !== undefined && !(Number.isInteger(chosen) && chosen > 0)) {
      throw new AppError('validation', `"${trunk!.slice(0, 40)}" is not a VoIP Innovations endpoint group id`, { fields: { trunk: 'Not an endpoint group id' } })
    }
    const groupFor = async (offer: AvailableNumber): Promise<number> => chosen ?? (await this.endpointGroupFor(offer, signal))
    const cities = numbers.filter((number) => cityOfOffer(number.offer) !== undefined)
    const local = numbers.filter((number) => cityOfOffer(number.offer) === undefined)
    const lines: OrderLine[] = []
    if (local.length > 0) {
      const dids: { tn: string; epg: number }[] = []
      for (const number of local) dids.push({ tn: tenDigits(number.e164), epg: await groupFor(number) })
      lines.push(...(await this.runBatch(local.map((number) => number.e164), () => this.api.assignDID({ dids, signal }), isOwned)))
    }
    if (cities.length > 0) lines.push(...(await purchaseInternational(this.api, cities, groupFor, signal)))
    return { lines }
  }

  /** releaseDID for US numbers (one batch), ReleaseIntlDID for each international one. */
  private async release({ e164s, signal }: { e164s: string[]; signal: AbortSignal }): Promise<OrderLine[]> {
    const international = e164s.filter(isInternational)
    const local = e164s.filter((e164) => !isInternational(e164))
    const lines: OrderLine[] = []
    if (local.length > 0) {
      lines.push(
        ...(await this.runBatch(
          local,
          () => this.api.releaseDID({ tns: local.map(tenDigits), signal }),
          (did) => !isOwned(did) && statusOfDid(did) !== 'unknown',
        )),
      )
    }
    if (international.length > 0) lines.push(...(await releaseInternational(this.api, international, signal)))
    return lines
  }

  private async change({ e164s, change, signal }: { e164s: string[]; change: NumberChange; signal: AbortSignal }): Promise<OrderLine[]> {
    if (change.kind !== 'cnam' && change.kind !== 'routing' && e164s.some(isInternational)) {
      throw new AppError('validation', `VoIP Innovations takes ${change.kind} changes on its US numbers only`)
    }
    switch (change.kind) {
      case 'routing': {
        if (change.routing.kind === 'forward') return forwardTo(this.api, e164s, change.routing.destination, signal)
        const epg = Number(change.routing.trunk)
        if (!Number.isInteger(epg) || epg <= 0) {
          throw new AppError('validation', `"${change.routing.trunk}" is not a VoIP Innovations endpoint group id`)
        }
        const lines = await this.runBatch(
          e164s,
          () => this.api.configDID({ dids: e164s.map((e164) => ({ tn: tenDigits(e164), epg })), signal }),
          (did) => isOwned(did) && did.endpointId === epg,
        )
        return this.endForwarding(lines, epg)
      }
      case 'cnam': {
        const name = change.cnam?.trim() ?? ''
        return eachNumber(
          e164s,
          signal,
          (tn) => (name === '' ? this.api.removeCnam({ tn, signal }) : this.api.updateCnamDisplay({ tn, name, signal })),
          async (tn, settle) => ((await this.api.getCnamDisplay({ tn, signal: settle })) ?? '') === name.toUpperCase(),
        )
      }
      case 'e911':
        return setE911(this.api, e164s, change.address, signal)
      case 'e911Remove':
        return removeE911(this.api, e164s, signal)
      case 'failover':
        return setFailover(this.api, e164s, change.destination, signal)
      case 'stopForwarding':
        return stopForwarding(this.api, e164s, signal)
      case 'group':
        return moveToGroup(this.api, e164s, change.groupId, signal)
      case 'fax':
        return setFaxToEmail(this.api, e164s, change.fax, signal)
      default:
        throw new AppError('validation', `VoIP Innovations does not support ${change.kind} changes`)
    }
  }

  /**
   * Routing to an endpoint group must also end forwarding, which takes every call instead of the group:
   * for each number configDID moved, a forwarded one gets RemoveDIDForward onto the same group. A number
   * whose forwarding could not be ended is reported not done, with what did happen. It runs to its end
   * even when the user cancels (settling signals): a number half-routed would route wrong.
   */
  private async endForwarding(lines: OrderLine[], epg: number): Promise<OrderLine[]> {
    const settled: OrderLine[] = []
    for (const line of lines) {
      if (!line.ok) {
        settled.push(line)
        continue
      }
      const tn = tenDigits(line.e164)
      try {
        const { forward } = await this.api.getDidForward({ tn, signal: settlingSignal() })
        if (forward === undefined) settled.push(line)
        else {
          const removed = await this.api.removeDidForward({ tn, endpointGroup: epg, signal: settlingSignal() })
          settled.push({ ...line, message: `Forwarding to ${toE164(forward) ?? forward} ended`, checkedAfterFailure: line.checkedAfterFailure || removed.checkedAfterFailure || undefined })
        }
      } catch (error) {
        if (isAuthFailure(error)) throw error
        const failure = error instanceof CarrierError ? error : undefined
        if (failure?.info.ambiguous) settled.push(unknownOutcome(line.e164, failure))
        else settled.push({ ...line, ok: false, code: failure?.info.carrierCode, message: `Routed to endpoint group ${epg}, but forwarding could not be checked or ended: ${error instanceof Error ? error.message : String(error)}` })
      }
    }
    return settled
  }

  /** Reads numbers afresh; the CNAM display name and 911 address are fetched for numbers that have them. */
  private async read({ e164s, signal }: { e164s: string[]; signal: AbortSignal }): Promise<PhoneNumberRecord[]> {
    const records: PhoneNumberRecord[] = []
    const international = e164s.filter(isInternational)
    if (international.length > 0) {
      const owned = new Map((await intlRecords(this.api, { accountId: this.account.id, asOf: this.now, signal })).map((record) => [record.e164, record]))
      for (const e164 of international) {
        records.push(owned.get(e164) ?? { accountId: this.account.id, carrier: 'voip-innovations', e164, type: 'international', status: 'released', asOf: this.now, raw: null })
      }
    }
    const groupNames = e164s.length > international.length ? await this.groupNames.byId(signal).catch(() => new Map<number, string>()) : undefined
    for (const e164 of e164s.filter((each) => !isInternational(each))) {
      const did = await this.api.queryDID({ did: tenDigits(e164), signal })
      const asOf = this.now
      const owned = isOwned(did)
      const cnamName = owned && did.cnamStorageActive ? await this.api.getCnamDisplay({ tn: did.tn, signal }) : undefined
      const e911Record = owned && did.has911 ? (await this.api.query911({ did: did.tn, signal })).records[0] : undefined
      const record = toPhoneNumberRecord(did.tn === '' ? { ...did, tn: tenDigits(e164) } : did, {
        accountId: this.account.id,
        asOf,
        cnamName,
        e911: e911Record ? e911Summary(e911Record) : undefined,
        groups: groupNames,
      })
      const normalised = toE164(e164)
      if (record) records.push(record)
      else if (normalised) {
        records.push({ accountId: this.account.id, carrier: 'voip-innovations', e164: normalised, type: numberTypeOf(normalised), status: 'unknown', asOf, raw: did })
      }
    }
    return records
  }

  private async verifyAddress({ address, signal }: { address: E911Address; signal: AbortSignal }): Promise<AddressCheck> {
    const result = await this.api.validate911({ address: toAddress911(address), signal })
    return { valid: result.valid, message: result.message }
  }

  /** The prepaid balance (GetPrepaidBalance), in US dollars, with the decimal as VI wrote it. */
  readonly billing: NonNullable<CarrierClient['billing']> = {
    balance: async ({ signal }) => {
      const { amount, decimal, asOf } = await this.api.getPrepaidBalance({ signal })
      return { accountId: this.account.id, carrier: 'voip-innovations', amount, decimal, currency: 'USD', asOf }
    },
  }

  readonly numbers: NonNullable<CarrierClient['numbers']> = {
    search: (options) => this.search(options),
    reserve: (options) => this.reserve(options),
    purchase: (options) => this.purchase(options),
    release: (options) => this.release(options),
    change: (options) => this.change(options),
    read: (options) => this.read(options),
    verifyAddress: (options) => this.verifyAddress(options),
    groups: ({ signal }) => groups(this.groupNames, signal),
    groupMembers: ({ groupId, signal }) => groupMembers(this.api, groupId, signal),
    features: ({ e164, signal }) => features(this.api, e164, signal),
    countries: async ({ signal }) => (await this.international.list(signal)).map(toCountryOffer),
  }

  get conference(): ConferenceActions {
    return conferenceActions(this.api)
  }

  get e911(): E911Actions {
    return e911Actions(this.api)
  }
}

/** VoIP Innovations' account settings: the API login. */
const settings = accountSettings({ username: { label: 'API login', required: true } })

export const voipInnovationsAdapter: CarrierAdapter<SettingsIn<typeof settings>> = {
  id: 'voip-innovations',
  name: 'VoIP Innovations',
  defaultBaseUrls: { production: 'https://backoffice.voipinnovations.com/Services/APIService.asmx' },
  settings,
  cachedFacts: voipInnovationsCachedFacts,
  secretFields: [{ key: 'secret', label: 'API secret' }],
  changeProblem: voipInnovationsChangeProblem,
  capabilities: [
    'numbers.list',
    'numbers.search',
    'numbers.reserve',
    'numbers.purchase',
    'numbers.release',
    'numbers.routing',
    'numbers.cnam',
    'numbers.e911',
    'numbers.addressVerify',
    'billing.balance',
    'ports.check',
    'ports.track',
    'numbers.fax',
    'numbers.failover',
    'numbers.stopForwarding',
    'numbers.groups',
    'numbers.e911Remove',
    'numbers.features',
    'numbers.conference',
    'numbers.countries',
    'e911.locations',
    'e911.history',
    'e911.alerts',
  ],
  // Numbers route to an endpoint group (the WSDL's `epg`, an int); the ones in use are learnt at sync.
  routingTrunk: { label: 'Endpoint group', pattern: '[1-9]\\d{0,9}', example: '12345' },
  connect(account, secrets, context) {
    return new VoipInnovationsAccountClient(account, context, {
      baseUrl: account.baseUrl,
      login: account.username ?? '',
      secret: secrets.secret ?? '',
    })
  },
}
