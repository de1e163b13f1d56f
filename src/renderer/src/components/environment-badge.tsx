/** Environment of an account; sandbox accounts get a loud badge so nobody mistakes simulated data for real. */
import { Badge } from '@mantine/core'
import type { Environment } from '../../../shared/domain'

export function EnvironmentBadge({ environment }: { environment: Environment }) {
  if (environment === 'sandbox') {
    return (
      <Badge color="orange" variant="filled" radius="sm">
        SANDBOX
      </Badge>
    )
  }
  if (environment === 'staging') {
    return (
      <Badge color="yellow" variant="light" radius="sm">
        Staging
      </Badge>
    )
  }
  return (
    <Badge color="gray" variant="light" radius="sm">
      Production
    </Badge>
  )
}
