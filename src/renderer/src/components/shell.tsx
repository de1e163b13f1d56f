/**
 * The application frame: header with the command palette trigger and theme toggle, the screen navbar,
 * the current screen, and the status bar. Also owns the process-wide wiring: initial loads, event
 * subscriptions, status polling and keyboard shortcuts.
 */
import { ActionIcon, Alert, AppShell, Badge, Group, Kbd, NavLink, Text, Tooltip, UnstyledButton, useMantineColorScheme } from '@mantine/core'
import { useHotkeys } from '@mantine/hooks'
import { spotlight } from '@mantine/spotlight'
import { IconMoon, IconPlugConnected, IconSearch, IconSun } from '@tabler/icons-react'
import { useEffect, type ComponentType } from 'react'
import { isBridgeAvailable, subscribe } from '../bridge'
import { AccountsScreen } from '../screens/accounts/accounts-screen'
import { ActivityScreen } from '../screens/activity-screen'
import { BillingScreen } from '../screens/billing/billing-screen'
import { ClientsScreen } from '../screens/clients/clients-screen'
import { CustomersScreen } from '../screens/customers/customers-screen'
import { BuyScreen } from '../screens/buy/buy-screen'
import { NumbersScreen } from '../screens/numbers/numbers-screen'
import { CdrsScreen } from '../screens/cdrs/cdrs-screen'
import { PortsScreen } from '../screens/ports/ports-screen'
import { TrunksScreen } from '../screens/trunks/trunks-screen'
import { SettingsScreen } from '../screens/settings/settings-screen'
import { ChangesScreen } from '../screens/changes/changes-screen'
import { FindingsScreen } from '../screens/findings/findings-screen'
import { useAccountsStore } from '../stores/accounts'
import { useActivityStore } from '../stores/activity'
import { useAppStatusStore } from '../stores/app-status'
import { useCarriersStore } from '../stores/carriers'
import { followChangeSets, useChangeSetsStore } from '../stores/change-sets'
import { followOnlineEvents, useConnectivityStore } from '../stores/connectivity'
import { screenIcons, screenTitles, screens, type Screen } from '../screen-list'
import { followLocationHash, useNavigationStore } from '../stores/navigation'
import { followSettings, useSettingsStore } from '../stores/settings'
import { followFindings, useFindingsStore } from '../stores/findings'
import { useSyncStore } from '../stores/sync'
import { AccountFormModal } from './account-form-modal'
import { CommandPalette } from './command-palette'
import { StatusBar } from './status-bar'
import { followPortNotices, usePortNoticesStore } from '../stores/port-notices'

const statusPollMs = 10_000

export const modKeyLabel = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘' : 'Ctrl'

function useProcessWiring(): void {
  useEffect(() => {
    if (!isBridgeAvailable()) return followLocationHash()
    void useCarriersStore.getState().load()
    void useAccountsStore.getState().load()
    void useActivityStore.getState().load()
    void useSettingsStore.getState().load()
    void useChangeSetsStore.getState().load().catch(() => undefined)
    void useFindingsStore.getState().load()
    const refreshStatus = (): void => void useAppStatusStore.getState().refresh()
    refreshStatus()
    const poll = setInterval(refreshStatus, statusPollMs)
    window.addEventListener('focus', refreshStatus)
    const unsubscribers = [
      subscribe('accounts.changed', () => {
        void useAccountsStore.getState().load()
        refreshStatus()
      }),
      subscribe('activity.added', (entry) => useActivityStore.getState().add(entry)),
      subscribe('sync.progress', (event) => {
        useSyncStore.getState().receive(event)
        if (event.phase !== 'page') refreshStatus()
      }),
      subscribe('sync.finished', (event) => {
        useConnectivityStore.getState().receiveSyncFinished(event)
        useSyncStore.getState().receiveFinished(event)
        refreshStatus()
      }),
      followOnlineEvents(refreshStatus),
      followSettings(),
      followChangeSets(),
      followPortNotices(),
      followFindings(),
      followLocationHash(),
    ]
    return () => {
      clearInterval(poll)
      window.removeEventListener('focus', refreshStatus)
      for (const unsubscribe of unsubscribers) unsubscribe()
    }
  }, [])
}

/** The component of each screen (see screen-list.ts): the shell is the one place that mounts them. */
const views: Record<Screen, ComponentType> = {
  numbers: NumbersScreen,
  trunks: TrunksScreen,
  ports: PortsScreen,
  cdrs: CdrsScreen,
  accounts: AccountsScreen,
  activity: ActivityScreen,
  buy: BuyScreen,
  settings: SettingsScreen,
  billing: BillingScreen,
  customers: CustomersScreen,
  clients: ClientsScreen,
  changes: ChangesScreen,
  findings: FindingsScreen,
}

function CurrentScreen({ screen }: { screen: Screen }) {
  const View = views[screen]
  return <View />
}

export function Shell() {
  useProcessWiring()
  const screen = useNavigationStore((state) => state.screen)
  const go = useNavigationStore((state) => state.go)
  const accountCount = useAccountsStore((state) => state.accounts.length)
  const unseenPortNotices = usePortNoticesStore((state) => state.unseen)
  const openFindings = useFindingsStore((state) => state.open)
  const { toggleColorScheme, colorScheme } = useMantineColorScheme()

  useHotkeys(screens.map((target, index) => [`mod+${index + 1}`, () => go(target)]))

  useEffect(() => {
    document.title = `${screenTitles[screen]} · CarrierDesk`
  }, [screen])

  return (
    <AppShell header={{ height: 48 }} navbar={{ width: 208, breakpoint: 0 }} footer={{ height: 30 }} padding={0}>
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap={8} wrap="nowrap">
            <IconPlugConnected size={22} stroke={1.8} color="var(--mantine-color-blue-filled)" aria-hidden />
            <Text fw={700} size="md" style={{ letterSpacing: 0.2 }}>
              CarrierDesk
            </Text>
          </Group>
          <UnstyledButton
            onClick={() => spotlight.open()}
            aria-label="Open the command palette"
            aria-keyshortcuts="Control+K Meta+K"
            className="cd-panel"
            px="sm"
            py={6}
            w={380}
            style={{ background: 'var(--mantine-color-default)' }}
          >
            <Group justify="space-between" wrap="nowrap">
              <Group gap={8} wrap="nowrap">
                <IconSearch size={15} aria-hidden />
                <Text size="sm" c="dimmed" truncate>
                  Go to a screen or run a command…
                </Text>
              </Group>
              <Group gap={3} wrap="nowrap" aria-hidden>
                <Kbd size="xs">{modKeyLabel}</Kbd>
                <Kbd size="xs">K</Kbd>
              </Group>
            </Group>
          </UnstyledButton>
          <Tooltip label={`Switch to ${colorScheme === 'dark' ? 'light' : 'dark'} theme`}>
            <ActionIcon variant="default" size="lg" onClick={toggleColorScheme} aria-label="Toggle color theme">
              {colorScheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
            </ActionIcon>
          </Tooltip>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label="Screens">
        {screens.map((target, index) => {
          const Icon = screenIcons[target]
          return (
            <NavLink
              key={target}
              href={`#/${target}`}
              onClick={(event) => {
                event.preventDefault()
                go(target)
              }}
              label={screenTitles[target]}
              leftSection={<Icon size={18} stroke={1.6} />}
              rightSection={
                target === 'accounts' && accountCount > 0 ? (
                  <Badge size="xs" variant="light" circle aria-label={`${accountCount} accounts`}>
                    {accountCount}
                  </Badge>
                ) : target === 'ports' && unseenPortNotices > 0 ? (
                  <Badge size="xs" color="red" circle aria-label={`${unseenPortNotices} new port notices`} data-testid="ports-notice-badge">
                    {unseenPortNotices}
                  </Badge>
                ) : target === 'findings' && openFindings > 0 ? (
                  <Badge size="xs" variant="filled" color="orange" aria-label={`${openFindings} open findings`}>
                    {openFindings}
                  </Badge>
                ) : (
                  <Text size="xs" c="dimmed" aria-hidden className="cd-nowrap">
                    {modKeyLabel}+{index + 1}
                  </Text>
                )
              }
              active={screen === target}
              aria-current={screen === target ? 'page' : undefined}
              aria-keyshortcuts={`Control+${index + 1}`}
              style={{ borderRadius: 'var(--mantine-radius-sm)' }}
            />
          )
        })}
      </AppShell.Navbar>

      <AppShell.Main style={{ display: 'flex', flexDirection: 'column', height: '100dvh' }}>
        {!isBridgeAvailable() && (
          <Alert color="red" variant="filled" radius={0} title="Not connected to the CarrierDesk core">
            This window has no bridge to the main process (the preload did not load), so nothing can be shown or changed.
            Restart CarrierDesk; if this persists, reinstall it.
          </Alert>
        )}
        <div style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
          <CurrentScreen screen={screen} />
        </div>
      </AppShell.Main>

      <AppShell.Footer px="md" aria-label="Status bar">
        <StatusBar />
      </AppShell.Footer>

      <CommandPalette />
      <AccountFormModal />
    </AppShell>
  )
}
