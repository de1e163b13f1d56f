/** The confirmation every change to a port order goes through before it is sent to the carrier. */
import { Stack, Text } from '@mantine/core'
import { modals } from '@mantine/modals'

/** Asks before a change is sent to the carrier; resolves true once the user confirmed. */
export function confirmPortChange(
  title: string,
  lines: string[],
  label: string,
  danger = false,
  note = 'Sent once to the carrier; the outcome is written to the activity log.',
): Promise<boolean> {
  return new Promise((resolve) => {
    modals.openConfirmModal({
      title,
      centered: true,
      children: (
        <Stack gap={4}>
          {lines.map((line) => (
            <Text key={line} size="sm">
              {line}
            </Text>
          ))}
          <Text size="xs" c="dimmed">
            {note}
          </Text>
        </Stack>
      ),
      labels: { confirm: label, cancel: 'Back' },
      confirmProps: { color: danger ? 'red' : undefined },
      onConfirm: () => resolve(true),
      onCancel: () => resolve(false),
      onClose: () => resolve(false),
    })
  })
}
