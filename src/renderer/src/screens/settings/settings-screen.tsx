/** Settings: the app's own settings (shared/settings.ts), one field each, saved together. */
import { Alert, Button, Group, NumberInput, Paper, Stack, Text } from '@mantine/core'
import { IconDeviceFloppy } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { settingDescriptors, type AppSettings, type SettingKey } from '../../../../shared/settings'
import { ScreenHeader } from '../../components/screen-header'
import { notifyError, notifySuccess } from '../../notify'
import { useSettingsStore } from '../../stores/settings'

export function SettingsScreen() {
  const settings = useSettingsStore((state) => state.settings)
  const load = useSettingsStore((state) => state.load)
  const update = useSettingsStore((state) => state.update)
  const [draft, setDraft] = useState<Partial<AppSettings>>({})
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    if (!settings) void load().catch((error: unknown) => notifyError('Could not load settings', error))
  }, [settings, load])

  const value = (key: SettingKey): number | undefined => draft[key] ?? settings?.[key]
  const changed = Object.entries(draft).filter(([key, v]) => settings?.[key as SettingKey] !== v)

  const save = async (): Promise<void> => {
    setSaving(true)
    try {
      await update(Object.fromEntries(changed) as Partial<AppSettings>)
      setDraft({})
      notifySuccess('Settings saved', `${changed.length} setting${changed.length === 1 ? '' : 's'} changed`)
    } catch (error) {
      notifyError('Could not save settings', error)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Stack p="lg" gap="md" maw={760}>
      <ScreenHeader
        title="Settings"
        description="How CarrierDesk itself behaves on this computer. Carrier accounts are set up on the Accounts screen."
        actions={
          <Button leftSection={<IconDeviceFloppy size={16} />} disabled={changed.length === 0} loading={saving} onClick={() => void save()}>
            Save
          </Button>
        }
      />
      {!settings ? (
        <Alert color="gray">Loading settings…</Alert>
      ) : (
        <Paper withBorder p="md">
          <Stack gap="lg">
            {settingDescriptors.map((d) => (
              <Group key={d.key} align="flex-start" justify="space-between" wrap="nowrap">
                <Stack gap={2} style={{ flex: 1 }}>
                  <Text fw={500}>{d.label}</Text>
                  <Text size="sm" c="dimmed">
                    {d.description} Default {d.default} {d.unit}.
                  </Text>
                </Stack>
                <NumberInput
                  aria-label={d.label}
                  w={180}
                  min={d.min}
                  max={d.max}
                  allowDecimal={false}
                  clampBehavior="strict"
                  rightSection={<Text size="xs" c="dimmed" pr="xs">{d.unit}</Text>}
                  rightSectionWidth={64}
                  value={value(d.key)}
                  onChange={(next) => setDraft((current) => ({ ...current, [d.key]: typeof next === 'number' ? next : d.default }))}
                />
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  )
}
