/**
 * Which screen is shown. Mirrored in the location hash (`#/accounts`) so a reload, or a test,
 * lands on the same screen without a router dependency.
 */
import { create } from 'zustand'
import type { NumberFilters } from '../../../shared/numbers-query'
import { screens, type Screen } from '../screen-list'

function screenFromHash(hash: string): Screen | undefined {
  const name = hash.replace(/^#\/?/, '')
  return (screens as readonly string[]).includes(name) ? (name as Screen) : undefined
}

interface NavigationState {
  screen: Screen
  go: (screen: Screen) => void
  /** Filters the Numbers screen applies when it next shows (a link from another screen, e.g. a trunk's numbers). */
  numbersFilters: NumberFilters | undefined
  openNumbers: (filters: NumberFilters) => void
}

export const useNavigationStore = create<NavigationState>()((set) => ({
  screen: screenFromHash(window.location.hash) ?? 'accounts',
  go: (screen) => {
    if (window.location.hash !== `#/${screen}`) window.location.hash = `#/${screen}`
    set({ screen })
  },
  numbersFilters: undefined,
  openNumbers: (filters) => {
    set({ numbersFilters: filters })
    useNavigationStore.getState().go('numbers')
  },
}))

/** Keeps the store in step with back/forward and hand-edited hashes. Returns the unsubscribe. */
export function followLocationHash(): () => void {
  const onHashChange = (): void => {
    const screen = screenFromHash(window.location.hash)
    if (screen) useNavigationStore.setState({ screen })
  }
  window.addEventListener('hashchange', onHashChange)
  return () => window.removeEventListener('hashchange', onHashChange)
}
