/**
 * SQL for the buying search's offers: kept until they expire, so a purchase in another process (the CLI's
 * `numbers buy` after its `numbers search`) finds them, and marked spent in one transaction so that no two
 * purchases, in any processes, ever take the same offer.
 */
import type { AvailableNumber } from '../../../shared/domain'
import type { Db } from '../database'

export interface StoredOffer {
  offerId: string
  offer: AvailableNumber
  expiresAt: number
  spentAt?: number | undefined
}

interface OfferRecord {
  offer_id: string
  offer: string
  expires_at: number
  spent_at: number | null
}

const fromRecord = (record: OfferRecord): StoredOffer => ({
  offerId: record.offer_id,
  offer: JSON.parse(record.offer) as AvailableNumber,
  expiresAt: record.expires_at,
  spentAt: record.spent_at ?? undefined,
})

/** Spent offers are kept this long past their expiry, so a number bought is not bought again from another search. */
const spentKeptMs = 24 * 60 * 60 * 1000

export class OffersRepository {
  constructor(private readonly db: Db) {}

  /** Keeps offers just found; drops those long expired. */
  add(offers: readonly { offerId: string; offer: AvailableNumber; expiresAt: number }[], now: number): void {
    const insert = this.db.prepare(
      'INSERT INTO offers (offer_id, account_id, e164, offer, fetched_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM offers WHERE expires_at < ? AND (spent_at IS NULL OR expires_at < ?)').run(now, now - spentKeptMs)
      for (const { offerId, offer, expiresAt } of offers) {
        insert.run(offerId, offer.accountId, offer.e164, JSON.stringify(offer), offer.fetchedAt, expiresAt)
      }
    })()
  }

  /** The offers by id that have not expired (spent or not); ids not found are left out. */
  find(offerIds: readonly string[], now: number): StoredOffer[] {
    const get = this.db.prepare('SELECT offer_id, offer, expires_at, spent_at FROM offers WHERE offer_id = ? AND expires_at >= ?')
    return offerIds.map((id) => get.get(id, now) as OfferRecord | undefined).filter((r): r is OfferRecord => r !== undefined).map(fromRecord)
  }

  /**
   * Marks the offers spent, all or none, in one immediate transaction: refused (answering which) when one
   * is spent already, or another offer of the same number at the same account is (bought, being bought or
   * of unknown outcome from another search).
   */
  spend(offerIds: readonly string[], now: number): { spent: true } | { spent: false; taken: string[] } {
    const taken = this.db.prepare(
      `SELECT o.offer_id FROM offers o WHERE o.offer_id = ? AND (o.spent_at IS NOT NULL OR EXISTS (
         SELECT 1 FROM offers other WHERE other.account_id = o.account_id AND other.e164 = o.e164
           AND other.offer_id <> o.offer_id AND other.spent_at IS NOT NULL))`,
    ).pluck()
    const mark = this.db.prepare('UPDATE offers SET spent_at = ? WHERE offer_id = ?')
    return this.db.transaction(() => {
      const refused = offerIds.filter((id) => taken.get(id) !== undefined)
      if (refused.length > 0) return { spent: false as const, taken: refused }
      for (const id of offerIds) mark.run(now, id)
      return { spent: true as const }
    }).immediate()
  }

  /** Replaces an offer's data (what buying it needs, added after the search); refused (false) once it is spent. */
  replace(offerId: string, offer: AvailableNumber): boolean {
    return this.db.prepare('UPDATE offers SET offer = ? WHERE offer_id = ? AND spent_at IS NULL').run(JSON.stringify(offer), offerId).changes === 1
  }

  /** Makes offers buyable again: their purchase definitely did not happen (refused, or never sent). */
  unspend(offerIds: readonly string[]): void {
    const clear = this.db.prepare('UPDATE offers SET spent_at = NULL WHERE offer_id = ?')
    this.db.transaction(() => {
      for (const id of offerIds) clear.run(id)
    })()
  }
}
