/** Mantine theme: system fonts only (no web fonts under the CSP), compact sizing for dense NOC tables. */
import { createTheme, localStorageColorSchemeManager } from '@mantine/core'

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 6, dark: 5 },
  defaultRadius: 'sm',
  focusRing: 'auto',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SF Mono", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  headings: { fontWeight: '600' },
  components: {
    Table: { defaultProps: { verticalSpacing: 6, horizontalSpacing: 'sm' } },
    Tooltip: { defaultProps: { openDelay: 400, withArrow: true } },
  },
})

/** Persisted so the chosen scheme survives restarts; dark is the default (NOC rooms are dark). */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'carrierdesk-color-scheme' })
