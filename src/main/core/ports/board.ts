/**
 * The port board's filters: by account, status and a search that finds an order by its id (or its master
 * order's) or by any of its numbers however the digits are typed ("305 555-01", "+1305555", the last
 * four), and by the account's name or a rejection's words.
 */
import type { PortOrder, PortStatus } from '../../../shared/domain'
import type { PortBoardRow } from '../../../shared/ports'

export interface BoardFilter {
  accountId?: string | undefined
  status?: PortStatus | undefined
  search?: string | undefined
}

function matches(order: PortOrder, search: string, accountName: string): boolean {
  const text = search.trim().toLowerCase()
  if (text === '') return true
  if (order.id.toLowerCase().includes(text) || order.group?.toLowerCase() === text) return true
  const digits = text.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '')
  if (digits.length >= 3 && /^[\d\s()+.-]+$/.test(text) && order.numbers.some((e164) => e164.replace(/\D/g, '').includes(digits))) return true
  return accountName.toLowerCase().includes(text) || (order.rejectionReason ?? '').toLowerCase().includes(text)
}

export function filterBoard(orders: readonly PortOrder[], filter: BoardFilter, names: ReadonlyMap<string, string>): PortOrder[] {
  return orders.filter(
    (order) =>
      (filter.accountId === undefined || order.accountId === filter.accountId) &&
      (filter.status === undefined || order.status === filter.status) &&
      (filter.search === undefined || matches(order, filter.search, names.get(order.accountId) ?? '')),
  )
}

export function boardRows(orders: readonly PortOrder[], names: ReadonlyMap<string, string>): PortBoardRow[] {
  return orders.map((order) => ({
    accountId: order.accountId,
    accountName: names.get(order.accountId) ?? order.accountId,
    carrier: order.carrier,
    orderId: order.id,
    ...(order.group !== undefined ? { group: order.group } : {}),
    status: order.status,
    ...(order.focDate !== undefined ? { focDate: order.focDate } : {}),
    ...(order.rejectionReason !== undefined ? { rejectionReason: order.rejectionReason } : {}),
    numbers: order.numbers,
    asOf: order.asOf,
  }))
}
