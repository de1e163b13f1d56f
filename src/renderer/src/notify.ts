/**
 * User-facing notifications for outcomes of bridge calls.
 *
 * Errors always show the contract's error code next to the message, because NOC staff quote codes when
 * they escalate. Nothing passed here may contain a secret: callers pass server messages and names only.
 */
import { notifications } from '@mantine/notifications'
import { toErrorShape } from './bridge'

export function notifyError(title: string, error: unknown): void {
  const shape = toErrorShape(error)
  notifications.show({
    color: 'red',
    title,
    message: `${shape.code}: ${shape.message}`,
    autoClose: 10_000,
    'data-testid': 'notification-error',
  })
}

/** A failure reported as data (e.g. a connection test that ran but did not authenticate), not as an error code. */
export function notifyFailure(title: string, message: string): void {
  notifications.show({ color: 'red', title, message, autoClose: 10_000 })
}

export function notifySuccess(title: string, message: string): void {
  notifications.show({ color: 'teal', title, message, autoClose: 5_000 })
}

export function notifyInfo(title: string, message: string): void {
  notifications.show({ color: 'blue', title, message, autoClose: 5_000 })
}
