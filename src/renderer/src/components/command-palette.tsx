/** Ctrl/Cmd+K command palette: every screen plus the app-wide actions, searchable by keyword. */
import { useMantineColorScheme } from '@mantine/core'
import { Spotlight, type SpotlightActionGroupData } from '@mantine/spotlight'
import {
  IconFlask,
  IconPalette,
  IconPlus,
  IconRefresh,
  IconSearch,
} from '@tabler/icons-react'
import { useAccountEditorStore } from '../stores/account-editor'
import { useSandboxStore } from '../stores/sandbox'
import { screenIcons, screenTitles, screens } from '../screen-list'
import { useNavigationStore } from '../stores/navigation'
import { useSyncStore } from '../stores/sync'

export function CommandPalette() {
  const go = useNavigationStore((state) => state.go)
  const openAdd = useAccountEditorStore((state) => state.openAdd)
  const openSandbox = useSandboxStore((state) => state.open)
  const startSync = useSyncStore((state) => state.start)
  const { toggleColorScheme } = useMantineColorScheme()

  const actions: SpotlightActionGroupData[] = [
    {
      group: 'Go to',
      actions: screens.map((screen) => {
        const Icon = screenIcons[screen]
        return {
          id: `go-${screen}`,
          label: screenTitles[screen],
          description: `Show the ${screenTitles[screen]} screen`,
          keywords: ['go', 'screen', screen],
          leftSection: <Icon size={18} />,
          onClick: () => go(screen),
        }
      }),
    },
    {
      group: 'Actions',
      actions: [
        {
          id: 'add-account',
          label: 'Add account',
          description: 'Connect a carrier account with its API credentials',
          keywords: ['new', 'carrier', 'credentials'],
          leftSection: <IconPlus size={18} />,
          onClick: () => {
            go('accounts')
            openAdd()
          },
        },
        {
          id: 'open-sandbox',
          label: 'Open the Sandbox',
          description: 'Start carrier simulators on this computer and add a sandbox account for each',
          keywords: ['simulator', 'demo', 'test', 'practice'],
          leftSection: <IconFlask size={18} />,
          onClick: () => {
            go('accounts')
            void openSandbox()
          },
        },
        {
          id: 'sync-all',
          label: 'Sync all',
          description: 'Refresh the cached data of every account from its carrier',
          keywords: ['refresh', 'update', 'fetch'],
          leftSection: <IconRefresh size={18} />,
          onClick: () => void startSync(),
        },
        {
          id: 'toggle-theme',
          label: 'Toggle theme',
          description: 'Switch between the dark and the light theme',
          keywords: ['dark', 'light', 'color', 'scheme'],
          leftSection: <IconPalette size={18} />,
          onClick: toggleColorScheme,
        },
      ],
    },
  ]

  return (
    <Spotlight
      actions={actions}
      shortcut={['mod + K']}
      // Ctrl/Cmd+K should work even while typing in a form field.
      tagsToIgnore={[]}
      nothingFound="No matching screen or command"
      highlightQuery
      searchProps={{
        leftSection: <IconSearch size={18} />,
        placeholder: 'Go to a screen or run a command…',
        'aria-label': 'Command palette',
      }}
    />
  )
}
