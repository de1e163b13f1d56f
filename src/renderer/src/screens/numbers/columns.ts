/**
 * The Numbers table's columns: header, width, which sort column it maps to and which CSV column exports it.
 * One list drives the grid, the column chooser, saved views and the export, so they cannot disagree.
 */
import { numberColumns, type NumberColumn, type NumberSortColumn } from '../../../../shared/numbers-query'

export type ColumnId = NumberColumn

export interface ColumnSpec {
  id: ColumnId
  label: string
  /** Pixels; the grid lays columns out with fixed widths so rows never reflow while scrolling. */
  width: number
  sort: NumberSortColumn
  align?: 'right'
}

export const columnSpecs: Record<ColumnId, ColumnSpec> = {
  number: { id: 'number', label: 'Number', width: 170, sort: 'e164' },
  carrier: { id: 'carrier', label: 'Carrier', width: 130, sort: 'carrier' },
  account: { id: 'account', label: 'Account', width: 170, sort: 'account' },
  type: { id: 'type', label: 'Type', width: 90, sort: 'type' },
  status: { id: 'status', label: 'Status', width: 150, sort: 'status' },
  state: { id: 'state', label: 'State', width: 60, sort: 'state' },
  rateCenter: { id: 'rateCenter', label: 'Rate center', width: 130, sort: 'rateCenter' },
  trunk: { id: 'trunk', label: 'Trunk / route', width: 170, sort: 'trunk' },
  cnam: { id: 'cnam', label: 'CNAM', width: 130, sort: 'cnam' },
  e911: { id: 'e911', label: 'E911', width: 180, sort: 'e911' },
  group: { id: 'group', label: 'Group', width: 120, sort: 'group' },
  failover: { id: 'failover', label: 'Failover', width: 150, sort: 'failover' },
  monthlyCost: { id: 'monthlyCost', label: 'Monthly', width: 80, sort: 'monthlyCost', align: 'right' },
  tags: { id: 'tags', label: 'Tags', width: 140, sort: 'tags' },
  asOf: { id: 'asOf', label: 'As of', width: 100, sort: 'asOf' },
}

/** Failover is shown on demand (column chooser): few numbers have one. */
export const defaultColumns: ColumnId[] = numberColumns.filter((column) => column !== 'failover')

/** Width of the selection checkbox column that leads every row. */
export const selectColumnWidth = 40

export function isColumnId(value: unknown): value is ColumnId {
  return typeof value === 'string' && (numberColumns as readonly string[]).includes(value)
}
