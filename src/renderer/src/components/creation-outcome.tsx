/**
 * How a create (an account, a customer, a client) reports back: created, outcome unknown (the answer was
 * lost: check at the carrier before trying again) or not created.
 */
import { Alert } from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react'
import type { ReactNode } from 'react'

export interface CreationOutcomeProps {
  outcome: { created: boolean; outcomeUnknown?: boolean | undefined }
  /** The title when created ("Account created"). */
  createdTitle: string
  children: ReactNode
}

export function CreationOutcome({ outcome, createdTitle, children }: CreationOutcomeProps) {
  return (
    <Alert
      color={outcome.created ? 'teal' : outcome.outcomeUnknown ? 'yellow' : 'red'}
      icon={outcome.created ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
      title={outcome.created ? createdTitle : outcome.outcomeUnknown ? 'Outcome unknown' : 'Not created'}
      role="status"
    >
      {children}
    </Alert>
  )
}
