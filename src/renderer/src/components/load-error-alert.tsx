/** A list that could not be loaded: what failed, the reason, and (when it can) a way to try again. */
import { Alert, Button, Group, Text, type AlertProps } from '@mantine/core'

export function LoadErrorAlert({
  title,
  error,
  onRetry,
  ...layout
}: { title: string; error: string; onRetry?: (() => void) | undefined } & Pick<AlertProps, 'm' | 'mb'>) {
  return (
    <Alert color="red" title={title} role="alert" {...layout}>
      {onRetry ? (
        <Group justify="space-between">
          <Text size="sm">{error}</Text>
          <Button size="xs" variant="default" onClick={onRetry}>
            Retry
          </Button>
        </Group>
      ) : (
        error
      )}
    </Alert>
  )
}
