/** Says, above a screen of cached data, that CarrierDesk is offline and why; nothing when online. */
import { Alert } from '@mantine/core'
import { IconWifiOff } from '@tabler/icons-react'
import { useAppStatusStore } from '../stores/app-status'
import { useConnectivityStore, useOffline } from '../stores/connectivity'

export function OfflineBanner() {
  const offline = useOffline()
  const osOffline = useAppStatusStore((state) => state.status?.online === false)
  const lastFailure = useConnectivityStore((state) => state.lastFailure)
  if (!offline) return null
  return (
    <Alert color="orange" variant="light" mb="xs" icon={<IconWifiOff size={18} />} title="Offline — showing cached data, read-only" role="alert">
      {osOffline
        ? 'This computer has no network. Browsing, search, filters and export work on the cached data; changes and purchases are disabled.'
        : `The last sync reached no carrier${lastFailure ? ` (${lastFailure})` : ''}. Changes and purchases are disabled until a sync gets through.`}
    </Alert>
  )
}
