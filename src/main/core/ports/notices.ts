/**
 * What changed in a port order between two reads of it that a technician must hear about: a FOC date set
 * or moved, a port completed, an order (or some of its numbers) rejected. Each change is told once: it is
 * found by comparing the cached state with the new one, in the transaction that stores the new one.
 * An order seen for the first time tells nothing (it is new to CarrierDesk, not changed).
 */
import type { PortOrder } from '../../../shared/domain'
import type { NewPortNotice } from '../../store/repositories/ports'

const listed = (numbers: readonly string[]): string => {
  const shown = numbers.slice(0, 3).join(', ')
  return numbers.length > 3 ? `${shown} and ${numbers.length - 3} more` : shown
}

export function portChanges(accountName: string, previous: readonly PortOrder[], next: readonly PortOrder[], at: number): NewPortNotice[] {
  const before = new Map(previous.map((order) => [order.id, order]))
  const notices: NewPortNotice[] = []
  for (const order of next) {
    const old = before.get(order.id)
    if (!old) continue
    const base = { accountId: order.accountId, orderId: order.id, carrier: order.carrier, at }
    const numbers = order.numbers
    const where = `${accountName} · ${listed(numbers)}`
    if (order.status === 'completed' && old.status !== 'completed') {
      notices.push({ ...base, kind: 'completed', numbers, title: `Port ${order.id} completed`, message: `${where}: ported in${order.focDate ? ` on ${order.focDate}` : ''}` })
      continue
    }
    if (order.status === 'rejected' && old.status !== 'rejected') {
      notices.push({ ...base, kind: 'rejected', numbers, title: `Port ${order.id} rejected`, message: `${where}: ${order.rejectionReason ?? 'the carrier gave no reason'}` })
      continue
    }
    if (order.focDate !== undefined && order.focDate !== old.focDate && order.status !== 'cancelled') {
      notices.push(
        old.focDate === undefined
          ? { ...base, kind: 'foc-set', numbers, title: `FOC date set for port ${order.id}`, message: `${where}: FOC ${order.focDate}` }
          : { ...base, kind: 'foc-moved', numbers, title: `FOC date moved for port ${order.id}`, message: `${where}: FOC moved from ${old.focDate} to ${order.focDate}` },
      )
    }
    const wasRejected = new Set((old.lines ?? []).filter((line) => line.status === 'rejected').map((line) => line.e164))
    const rejectedNow = (order.lines ?? []).filter((line) => line.status === 'rejected' && !wasRejected.has(line.e164)).map((line) => line.e164)
    if (order.status !== 'rejected' && rejectedNow.length > 0) {
      notices.push({
        ...base,
        kind: 'number-rejected',
        numbers: rejectedNow,
        title: `${rejectedNow.length === 1 ? 'A number' : `${rejectedNow.length} numbers`} of port ${order.id} rejected`,
        message: `${accountName} · ${listed(rejectedNow)}${order.rejectionReason ? `: ${order.rejectionReason}` : ''}`,
      })
    }
  }
  return notices
}
