/**
 * VoIP Innovations Back Office adapter: the part of VoipInnovationsClient the core uses, in domain terms.
 *
 * - Numbers: auditDIDs streams the inventory into onPage batches; the endpoint group (epg) is the trunk.
 * - Search: getDIDs by state / NPA / NXX / rate center (VI searches local numbers only).
 * - Reserve (30-minute holds), purchase (assignDID), release (releaseDID): never retried; after an
 *   ambiguous failure each number is re-read with queryDID and reported with `checkedAfterFailure`,
 *   even when the user cancels meanwhile. Per-number changes (CNAM, 911) stop between numbers on a cancel.
 * - Change: routing = configDID to another endpoint group; CNAM display name; E911 address.
 */
import { accountSettings, type SettingsIn } from '../kit/settings'
import {
  unknownOutcomeCode,
  type AddressCheck,
  type AvailableNumber,
  type E911Address,
  type NumberChange,
  type NumberSearchQuery,
  type OrderLine,
  type PhoneNumberRecord,
} from '../../../shared/domain'
import { AppError } from '../../lib/app-error'
import type { AccountContext, CarrierAdapter, CarrierClient, ConnectedAccount, PurchaseResult, SyncNumbersOptions } from '../adapter'
import { isAuthFailure } from '../kit/auth'
import { CarrierError, isAmbiguous } from '../../lib/carrier-error'
import { settlingSignal, untilCancelled } from '../kit/outcome'
import { numberTypeOf, toE164 } from '../kit/phone'
import { tenDigits, VoipInnovationsClient, type Address911, type BatchResult, type VoipInnovationsClientOptions } from './client'
import { e911Summary, isOwned, statusOfDid, toAvailableNumber, toOrderLine, toPhoneNumberRecord } from './mapping'
import type { ViDid } from './schemas'

/** Memo key: the endpoint group most of the account's numbers use, learnt by the last numbers sync. */
export const defaultEndpointGroupMemo = 'defaultEndpointGroup'
const syncPageSize = 1000
/** getDIDs answers at most a few hundred locators per call; more needs a narrower search. */
const maxSearchResults = 500

/** The line for a number whose outcome stayed unknown: the core logs it as such. */
function unknownOutcome(e164: string, failure: CarrierError): OrderLine {
  return {
    e164,
    ok: false,
    code: unknownOutcomeCode,
    message: `Outcome unknown (${failure.info.message}) and the number could not be re-read: check it before trying again`,
  }
}


/** A domain E911 address in the WSDL's fields; a ZIP+4 is split into zip and plusFour. */
export function toAddress911(address: E911Address): Address911 {
  const [zip = '', plusFour] = address.zip.trim().split('-')
  return {
    address1: address.street,
    address2: address.unit,
    city: address.city,
    state: address.state,
    zip,
    plusFour,
    callerName: address.callerName,
  }
}

/** What an AvailableNumber's `offer` may carry for a purchase: the endpoint group to assign it to. */
function endpointGroupOfOffer(offer: unknown): number | undefined {
  if (typeof offer !== 'object' || offer === null) return undefined
  const value = (offer as { endpointGroup?: unknown }).endpointGroup
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined
}

export class VoipInnovationsAccountClient implements CarrierClient {
  readonly api: VoipInnovationsClient

  constructor(
    private readonly account: ConnectedAccount<Partial<SettingsIn<typeof settings>>>,
    private readonly context: AccountContext,
    options: VoipInnovationsClientOptions,
  ) {
    this.api = new VoipInnovationsClient(options)
  }

  private get now(): number {
    return this.api.now()
  }

  async testConnection({ signal }: { signal: AbortSignal }): Promise<{ message: string }> {
    // The cheapest authenticated read: the standing of one number (a dummy record when unknown).
    await this.api.queryDID({ did: '2015550100', signal })
    return { message: 'VoIP Innovations accepted the API login' }
  }

  async syncNumbers({ signal, onPage }: SyncNumbersOptions): Promise<void> {
    const groups = new Map<number, number>()
    let page = 0
    const asOf = this.now
    await this.api.auditDIDPages({
      signal,
      pageSize: syncPageSize,
      onPage: (dids) => {
        const rows: PhoneNumberRecord[] = []
        for (const did of dids) {
          const record = toPhoneNumberRecord(did, { accountId: this.account.id, asOf })
          if (!record) continue
          rows.push(record)
          if (did.endpointId > 0) groups.set(did.endpointId, (groups.get(did.endpointId) ?? 0) + 1)
        }
        page += 1
        onPage(rows, { page })
      },
    })
    const [mostUsed] = [...groups.entries()].sort((left, right) => right[1] - left[1])
    if (mostUsed) this.context.memo.set(defaultEndpointGroupMemo, mostUsed[0])
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
    if (query.type !== 'local') {
      throw new AppError('validation', 'VoIP Innovations\' getDIDs searches local numbers only (no toll-free or international search).')
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

  /** assignDID, sent once; an unclear outcome is settled by reading each number back (never assigned twice). */
  private async purchase({ numbers, signal }: { numbers: AvailableNumber[]; signal: AbortSignal }): Promise<PurchaseResult> {
    const e164s = numbers.map((number) => number.e164)
    const dids: { tn: string; epg: number }[] = []
    for (const number of numbers) dids.push({ tn: tenDigits(number.e164), epg: await this.endpointGroupFor(number, signal) })
    const lines = await this.runBatch(e164s, () => this.api.assignDID({ dids, signal }), isOwned)
    return { lines }
  }

  private release({ e164s, signal }: { e164s: string[]; signal: AbortSignal }): Promise<OrderLine[]> {
    return this.runBatch(
      e164s,
      () => this.api.releaseDID({ tns: e164s.map(tenDigits), signal }),
      (did) => !isOwned(did) && statusOfDid(did) !== 'unknown',
    )
  }

  /**
   * One call per number (CNAM, 911), stopping between numbers on a cancel; a refusal is that number's
   * line, an auth failure stops everything; an unclear answer is settled by `verify`.
   */
  private perNumber(
    e164s: string[],
    signal: AbortSignal,
    act: (tn: string) => Promise<unknown>,
    verify: (tn: string, settle: AbortSignal) => Promise<boolean>,
  ): Promise<OrderLine[]> {
    return untilCancelled(e164s, signal, (e164) => [e164], async (e164): Promise<OrderLine[]> => {
      const tn = tenDigits(e164)
      try {
        await act(tn)
        return [{ e164, ok: true }]
      } catch (error) {
        if (isAuthFailure(error) || !(error instanceof CarrierError)) throw error
        if (!error.info.ambiguous) return [{ e164, ok: false, code: error.info.carrierCode, message: error.info.message }]
        try {
          const done = await verify(tn, settlingSignal())
          return [{ e164, ok: done, message: done ? 'Confirmed after an unclear answer' : error.info.message, checkedAfterFailure: true }]
        } catch {
          return [unknownOutcome(e164, error)]
        }
      }
    })
  }

  private async change({ e164s, change, signal }: { e164s: string[]; change: NumberChange; signal: AbortSignal }): Promise<OrderLine[]> {
    switch (change.kind) {
      case 'routing': {
        if (change.routing.kind !== 'trunk') {
          throw new AppError('validation', 'CarrierDesk routes VoIP Innovations numbers by endpoint group only (forwarding is not offered).')
        }
        const epg = Number(change.routing.trunk)
        if (!Number.isInteger(epg) || epg <= 0) {
          throw new AppError('validation', `"${change.routing.trunk}" is not a VoIP Innovations endpoint group id`)
        }
        return this.runBatch(
          e164s,
          () => this.api.configDID({ dids: e164s.map((e164) => ({ tn: tenDigits(e164), epg })), signal }),
          (did) => isOwned(did) && did.endpointId === epg,
        )
      }
      case 'cnam': {
        const name = change.cnam?.trim() ?? ''
        return this.perNumber(
          e164s,
          signal,
          (tn) => (name === '' ? this.api.removeCnam({ tn, signal }) : this.api.updateCnamDisplay({ tn, name, signal })),
          async (tn, settle) => ((await this.api.getCnamDisplay({ tn, signal: settle })) ?? '') === name.toUpperCase(),
        )
      }
      case 'e911': {
        const address = toAddress911(change.address)
        return this.perNumber(
          e164s,
          signal,
          (tn) => this.api.insert911({ did: tn, address, signal }),
          async (tn, settle) => (await this.api.query911({ did: tn, signal: settle })).records.length > 0,
        )
      }
      default:
        throw new AppError('validation', `VoIP Innovations does not support ${change.kind} changes`)
    }
  }

  /** Reads numbers afresh; the CNAM display name and 911 address are fetched for numbers that have them. */
  private async read({ e164s, signal }: { e164s: string[]; signal: AbortSignal }): Promise<PhoneNumberRecord[]> {
    const records: PhoneNumberRecord[] = []
    for (const e164 of e164s) {
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

  readonly numbers: NonNullable<CarrierClient['numbers']> = {
    search: (options) => this.search(options),
    reserve: (options) => this.reserve(options),
    purchase: (options) => this.purchase(options),
    release: (options) => this.release(options),
    change: (options) => this.change(options),
    read: (options) => this.read(options),
    verifyAddress: (options) => this.verifyAddress(options),
  }
}

/** VoIP Innovations' account settings: the API login. */
const settings = accountSettings({ username: { label: 'API login', required: true } })

export const voipInnovationsAdapter: CarrierAdapter<SettingsIn<typeof settings>> = {
  id: 'voip-innovations',
  name: 'VoIP Innovations',
  defaultBaseUrls: { production: 'https://backoffice.voipinnovations.com/Services/APIService.asmx' },
  settings,
  secretFields: [{ key: 'secret', label: 'API secret' }],
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
  ],
  connect(account, secrets, context) {
    return new VoipInnovationsAccountClient(account, context, {
      baseUrl: account.baseUrl,
      login: account.username ?? '',
      secret: secrets.secret ?? '',
    })
  },
}
