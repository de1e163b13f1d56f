/**
 * The screens, in navigation order (their Ctrl+1.. shortcuts follow it), each with its title and icon for
 * the navbar, the command palette and the window title. A new screen is its folder under screens/, one
 * line here and one in the shell's `views` (components/shell.tsx), which mounts it.
 */
import {
  IconActivity,
  IconAddressBook,
  IconAlertTriangle,
  IconArrowsExchange,
  IconFileSpreadsheet,
  IconGitCompare,
  IconPhone,
  IconReceipt2,
  IconSettings,
  IconShoppingCart,
  IconTopologyStar3,
  IconUserCircle,
  IconUsersGroup,
} from '@tabler/icons-react'
import type { ComponentType } from 'react'

type Icon = ComponentType<{ size?: number; stroke?: number }>

// 'buy' is last so the existing Ctrl+1..6 shortcuts keep their screens.
const screenList = [
  { id: 'numbers', title: 'Numbers', icon: IconPhone },
  { id: 'trunks', title: 'Trunks', icon: IconTopologyStar3 },
  { id: 'ports', title: 'Ports', icon: IconArrowsExchange },
  { id: 'cdrs', title: 'CDRs', icon: IconFileSpreadsheet },
  { id: 'accounts', title: 'Accounts', icon: IconAddressBook },
  { id: 'activity', title: 'Activity', icon: IconActivity },
  { id: 'buy', title: 'Buy numbers', icon: IconShoppingCart },
  { id: 'settings', title: 'Settings', icon: IconSettings },
  { id: 'billing', title: 'Billing', icon: IconReceipt2 },
  { id: 'customers', title: 'Customers', icon: IconUsersGroup },
  { id: 'clients', title: 'Clients', icon: IconUserCircle },
  { id: 'changes', title: 'Change sets', icon: IconGitCompare },
  { id: 'findings', title: 'Findings', icon: IconAlertTriangle },
] as const satisfies readonly { id: string; title: string; icon: Icon }[]

export type Screen = (typeof screenList)[number]['id']
export const screens: readonly Screen[] = screenList.map((screen) => screen.id)
export const screenTitles = Object.fromEntries(screenList.map((screen) => [screen.id, screen.title])) as Record<Screen, string>
export const screenIcons = Object.fromEntries(screenList.map((screen) => [screen.id, screen.icon as Icon])) as Record<Screen, Icon>
