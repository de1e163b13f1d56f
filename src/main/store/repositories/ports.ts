/**
 * SQL for the port board: the cached port orders (each with its master order, its numbers' states and the
 * actions its carrier allows), the detail panel's last read of an order, and the notices of changes between
 * syncs. Writes of one account's orders happen in one transaction with what is read before them, so the
 * notices of a change are recorded once, however many processes sync.
 */
import type { CarrierId, PortOrder, PortStatus } from '../../../shared/domain'
import type { PortLine, PortNotice, PortNoticeKind, PortOrderAction, PortOrderDetail } from '../../../shared/ports'
import type { Db } from '../database'

interface PortRecord {
  account_id: string
  id: string
  carrier: CarrierId
  numbers: string
  status: PortStatus
  foc_date: string | null
  rejection_reason: string | null
  as_of: number
  raw: string
  group_id: string | null
  lines: string | null
  allowed: string | null
}

const fromRecord = (r: PortRecord): PortOrder => ({
  accountId: r.account_id,
  carrier: r.carrier,
  id: r.id,
  numbers: JSON.parse(r.numbers) as string[],
  status: r.status,
  focDate: r.foc_date ?? undefined,
  rejectionReason: r.rejection_reason ?? undefined,
  asOf: r.as_of,
  raw: JSON.parse(r.raw) as unknown,
  group: r.group_id ?? undefined,
  lines: r.lines === null ? undefined : (JSON.parse(r.lines) as PortLine[]),
  allowed: r.allowed === null ? undefined : (JSON.parse(r.allowed) as PortOrderAction[]),
})

/** A notice as it is recorded; its id, account name and seen time come from the store. */
export type NewPortNotice = Omit<PortNotice, 'id' | 'accountName' | 'seenAt'>

interface NoticeRecord {
  id: number
  account_id: string
  account_name: string | null
  carrier: CarrierId | null
  order_id: string
  kind: PortNoticeKind
  title: string
  message: string
  numbers: string
  at: number
  seen_at: number | null
}

export class PortOrdersRepository {
  constructor(private readonly db: Db) {}

  private upsert(orders: readonly PortOrder[], accountId: string): void {
    const statement = this.db.prepare(
      `INSERT INTO port_orders (account_id, id, carrier, numbers, status, foc_date, rejection_reason, as_of, raw, group_id, lines, allowed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, id) DO UPDATE SET carrier = excluded.carrier, numbers = excluded.numbers, status = excluded.status,
         foc_date = excluded.foc_date, rejection_reason = excluded.rejection_reason, as_of = excluded.as_of, raw = excluded.raw,
         group_id = excluded.group_id, lines = excluded.lines, allowed = excluded.allowed`,
    )
    for (const p of orders) {
      if (p.accountId !== accountId) throw new Error('A port write mixes accounts')
      statement.run(
        p.accountId,
        p.id,
        p.carrier,
        JSON.stringify(p.numbers),
        p.status,
        p.focDate ?? null,
        p.rejectionReason ?? null,
        p.asOf,
        JSON.stringify(p.raw ?? null),
        p.group ?? null,
        p.lines === undefined ? null : JSON.stringify(p.lines),
        p.allowed === undefined ? null : JSON.stringify(p.allowed),
      )
    }
  }

  /** Runs `work` in one immediate transaction (reads under the write lock, so two syncs see each other's writes). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate()
  }

  /** Replaces an account's port orders with a sync's complete listing (details of orders still listed are kept). */
  replaceFor(accountId: string, orders: readonly PortOrder[]): void {
    this.db.transaction(() => {
      this.upsert(orders, accountId)
      this.db
        .prepare('DELETE FROM port_orders WHERE account_id = ? AND id NOT IN (SELECT value FROM json_each(?))')
        .run(accountId, JSON.stringify(orders.map((order) => order.id)))
    })()
  }

  /** Replaces the rows of one order (a master order's sub orders, or the order itself) with how it stands now. */
  replaceOrder(accountId: string, orderId: string, orders: readonly PortOrder[]): void {
    this.db.transaction(() => {
      this.upsert(orders, accountId)
      this.db
        .prepare('DELETE FROM port_orders WHERE account_id = ? AND (id = ? OR group_id = ?) AND id NOT IN (SELECT value FROM json_each(?))')
        .run(accountId, orderId, orderId, JSON.stringify(orders.map((order) => order.id)))
    })()
  }

  list(accountId?: string | undefined): PortOrder[] {
    const rows = (
      accountId
        ? this.db.prepare('SELECT * FROM port_orders WHERE account_id = ? ORDER BY as_of DESC, id').all(accountId)
        : this.db.prepare('SELECT * FROM port_orders ORDER BY as_of DESC, id').all()
    ) as PortRecord[]
    return rows.map(fromRecord)
  }

  get(accountId: string, id: string): PortOrder | undefined {
    const row = this.db.prepare('SELECT * FROM port_orders WHERE account_id = ? AND id = ?').get(accountId, id) as PortRecord | undefined
    return row && fromRecord(row)
  }

  /** The rows of an order: the order itself, or every sub order of a master order. */
  ofOrder(accountId: string, orderId: string): PortOrder[] {
    const rows = this.db
      .prepare('SELECT * FROM port_orders WHERE account_id = ? AND (id = ? OR group_id = ?) ORDER BY id')
      .all(accountId, orderId, orderId) as PortRecord[]
    return rows.map(fromRecord)
  }

  saveDetail(accountId: string, orderId: string, detail: PortOrderDetail): void {
    this.db
      .prepare(
        `INSERT INTO port_details (account_id, order_id, detail, as_of) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, order_id) DO UPDATE SET detail = excluded.detail, as_of = excluded.as_of`,
      )
      .run(accountId, orderId, JSON.stringify(detail), detail.asOf)
  }

  detail(accountId: string, orderId: string): PortOrderDetail | undefined {
    const row = this.db.prepare('SELECT detail FROM port_details WHERE account_id = ? AND order_id = ?').get(accountId, orderId) as { detail: string } | undefined
    return row && (JSON.parse(row.detail) as PortOrderDetail)
  }

  /** When port orders were last synced, by any process, and how that ended. */
  lastSync(): { finishedAt: number; outcome: 'succeeded' | 'failed' | 'cancelled' } | undefined {
    const row = this.db
      .prepare("SELECT finished_at, outcome FROM sync_runs WHERE area = 'ports' AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1")
      .get() as { finished_at: number; outcome: 'succeeded' | 'failed' | 'cancelled' } | undefined
    return row && { finishedAt: row.finished_at, outcome: row.outcome }
  }
}

const fromNotice = (r: NoticeRecord): PortNotice => ({
  id: r.id,
  accountId: r.account_id,
  accountName: r.account_name ?? r.account_id,
  carrier: r.carrier ?? '',
  orderId: r.order_id,
  kind: r.kind,
  title: r.title,
  message: r.message,
  numbers: JSON.parse(r.numbers) as string[],
  at: r.at,
  seenAt: r.seen_at ?? undefined,
})

const noticeColumns = `n.*, a.name AS account_name, a.carrier AS carrier`

export class PortNoticesRepository {
  constructor(private readonly db: Db) {}

  add(notice: NewPortNotice): PortNotice {
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO port_notices (account_id, order_id, kind, title, message, numbers, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(notice.accountId, notice.orderId, notice.kind, notice.title, notice.message, JSON.stringify(notice.numbers), notice.at)
    return this.get(Number(lastInsertRowid)) as PortNotice
  }

  get(id: number): PortNotice | undefined {
    const row = this.db.prepare(`SELECT ${noticeColumns} FROM port_notices n LEFT JOIN accounts a ON a.id = n.account_id WHERE n.id = ?`).get(id) as NoticeRecord | undefined
    return row && fromNotice(row)
  }

  /** The latest notices, newest first. */
  list(limit: number): PortNotice[] {
    const rows = this.db
      .prepare(`SELECT ${noticeColumns} FROM port_notices n LEFT JOIN accounts a ON a.id = n.account_id ORDER BY n.id DESC LIMIT ?`)
      .all(limit) as NoticeRecord[]
    return rows.map(fromNotice)
  }

  unseenCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM port_notices WHERE seen_at IS NULL').get() as { n: number }).n
  }

  /** Marks every unseen notice up to `throughId` (all when absent) as seen; answers how many. */
  markSeen(at: number, throughId?: number | undefined): number {
    return this.db
      .prepare('UPDATE port_notices SET seen_at = ? WHERE seen_at IS NULL AND id <= ?')
      .run(at, throughId ?? Number.MAX_SAFE_INTEGER).changes
  }
}
