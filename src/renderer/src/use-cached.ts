/**
 * Loads one cached list from the core and reloads it whenever the cache may have changed underneath it
 * (a sync area finished, accounts changed). Errors are kept for the screen to show, not thrown.
 */
import { useCallback, useEffect, useState } from 'react'
import { toErrorShape } from './bridge'
import { useAccountsStore } from './stores/accounts'
import { useSyncStore } from './stores/sync'

export interface Cached<T> {
  data: T | undefined
  error: string | undefined
  loading: boolean
  reload: () => void
}

/** `load` must be stable (module-level or useCallback'd); `key` forces a reload when it changes. */
export function useCached<T>(load: () => Promise<T>, key = ''): Cached<T> {
  const dataVersion = useSyncStore((state) => state.dataVersion)
  const accounts = useAccountsStore((state) => state.accounts)
  const [data, setData] = useState<T | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [loading, setLoading] = useState(true)
  const [manual, setManual] = useState(0)
  useEffect(() => {
    let current = true
    setLoading(true)
    load().then(
      (value) => {
        if (!current) return
        setData(value)
        setError(undefined)
        setLoading(false)
      },
      (failure: unknown) => {
        if (!current) return
        const shape = toErrorShape(failure)
        setError(`${shape.code}: ${shape.message}`)
        setLoading(false)
      },
    )
    return () => {
      current = false
    }
  }, [load, key, dataVersion, accounts, manual])
  const reload = useCallback(() => setManual((value) => value + 1), [])
  return { data, error, loading, reload }
}
