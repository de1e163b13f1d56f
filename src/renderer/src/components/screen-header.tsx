/** Title row shared by every screen: heading, one line of context, and the screen's main actions. */
import { Group, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'

interface ScreenHeaderProps {
  title: string
  description?: ReactNode
  actions?: ReactNode
}

export function ScreenHeader({ title, description, actions }: ScreenHeaderProps) {
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap" mb="md" gap="md">
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Title order={2} size="h3">
          {title}
        </Title>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
      </Stack>
      {actions && (
        <Group gap="xs" wrap="nowrap">
          {actions}
        </Group>
      )}
    </Group>
  )
}
