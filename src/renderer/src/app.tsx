/** Providers (theme, modals, notifications) around the application shell. */
import { MantineProvider } from '@mantine/core'
import { ModalsProvider } from '@mantine/modals'
import { Notifications } from '@mantine/notifications'
import { Shell } from './components/shell'
import { colorSchemeManager, theme } from './theme'

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="dark" colorSchemeManager={colorSchemeManager}>
      <ModalsProvider labels={{ confirm: 'Confirm', cancel: 'Cancel' }}>
        <Notifications position="top-right" limit={5} />
        <Shell />
      </ModalsProvider>
    </MantineProvider>
  )
}
