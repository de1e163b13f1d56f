/**
 * Stops following a port tracked by id (VoIP Innovations cannot list ports): the id is forgotten for the
 * account, the order leaves the board and syncs no longer read it. Nothing is sent to the carrier.
 */
import { Button } from '@mantine/core'
import { useState } from 'react'
import { call } from '../../bridge'
import { notifyError, notifySuccess } from '../../notify'
import { confirmPortChange } from './port-confirm'

export function UntrackPortButton({ accountId, portId, accountName, onUntracked }: { accountId: string; portId: string; accountName: string; onUntracked: () => void }) {
  const [busy, setBusy] = useState(false)
  const untrack = async (): Promise<void> => {
    const sure = await confirmPortChange(
      'Stop tracking a port',
      [`Stop tracking port ${portId} at ${accountName}?`, 'It leaves the board and syncs no longer read it; the port itself goes on at the carrier. Track it again by its id at any time.'],
      'Stop tracking',
      true,
      'Nothing is sent to the carrier; this is written to the activity log.',
    )
    if (!sure) return
    setBusy(true)
    try {
      const { removed } = await call('ports.untrack', { accountId, portId })
      notifySuccess(`No longer tracking port ${portId}`, removed ? 'Removed from the board' : 'It was not on the board')
      onUntracked()
    } catch (failure) {
      notifyError(`Port ${portId} is still tracked`, failure)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button size="xs" variant="default" color="red" loading={busy} onClick={() => void untrack()}>
      Stop tracking
    </Button>
  )
}
