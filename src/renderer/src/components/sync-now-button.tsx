/** "Sync now": starts a sync of every account for the given areas; shared by the cached-data screens. */
import { Button, Loader, Tooltip } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import type { SyncArea } from '../../../shared/domain'
import { useAccountsStore } from '../stores/accounts'
import { useSyncStore } from '../stores/sync'

export function SyncNowButton({ areas, tooltip }: { areas: SyncArea[]; tooltip: string }) {
  const accounts = useAccountsStore((state) => state.accounts)
  const startSync = useSyncStore((state) => state.start)
  const syncing = useSyncStore((state) => state.starting || (state.run !== undefined && !state.run.finished))
  return (
    <Tooltip label={tooltip}>
      <Button
        size="xs"
        leftSection={syncing ? <Loader size={14} color="white" /> : <IconRefresh size={16} />}
        disabled={syncing || accounts.length === 0}
        onClick={() => void startSync({ areas })}
      >
        Sync now
      </Button>
    </Tooltip>
  )
}
