/** The trunks numbers can be routed to, per account (`trunks.choices`), for the routing picker and the cart. */
import { useEffect, useState } from 'react'
import type { AccountTrunkChoices, TrunkChoice } from '../../../shared/trunks'
import { call, toErrorShape } from '../bridge'
import { formatCount } from '../format'

export function choiceLabel(choice: TrunkChoice): string {
  const where = choice.ips.length > 0 ? ` · ${choice.ips.join(', ')}` : ''
  const direction = choice.direction && choice.direction !== 'origination' ? ` · ${choice.direction}` : ''
  const status = choice.status === 'disabled' ? ' · disabled' : ''
  const id = choice.name.includes(choice.trunkId) ? '' : ` (${choice.trunkId})`
  return `${choice.name}${id}${where}${direction}${status} · ${formatCount(choice.numbers)} number${choice.numbers === 1 ? '' : 's'}`
}

/** The accounts' trunk choices, loaded once per set of accounts. */
export function useTrunkChoices(accountIds: string[]): { choices: AccountTrunkChoices[] | undefined; error: string | undefined } {
  const key = [...new Set(accountIds)].sort().join(' ')
  const [choices, setChoices] = useState<AccountTrunkChoices[]>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    let current = true
    setChoices(undefined)
    call('trunks.choices', { accountIds: key === '' ? [] : key.split(' ') })
      .then((answer) => current && setChoices(answer))
      .catch((failure: unknown) => current && setError(toErrorShape(failure).message))
    return () => {
      current = false
    }
  }, [key])
  return { choices, error }
}

