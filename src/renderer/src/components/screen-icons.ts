/** One icon per screen, shared by the navbar and the command palette. */
import {
  IconActivity,
  IconAddressBook,
  IconArrowsExchange,
  IconFileSpreadsheet,
  IconPhone,
  IconShoppingCart,
  IconTopologyStar3,
} from '@tabler/icons-react'
import type { ComponentType } from 'react'
import type { Screen } from '../stores/navigation'

export const screenIcons: Record<Screen, ComponentType<{ size?: number; stroke?: number }>> = {
  numbers: IconPhone,
  trunks: IconTopologyStar3,
  ports: IconArrowsExchange,
  cdrs: IconFileSpreadsheet,
  accounts: IconAddressBook,
  activity: IconActivity,
  buy: IconShoppingCart,
}
