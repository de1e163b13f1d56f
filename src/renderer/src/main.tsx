/** Renderer entry: global styles, then the React tree. */
import '@mantine/core/styles.css'
import '@mantine/charts/styles.css'
import '@mantine/notifications/styles.css'
import '@mantine/spotlight/styles.css'
import '@mantine/charts/styles.css'
import './app.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { isBridgeAvailable } from './bridge'
import { prefetchFirstPage } from './screens/numbers/numbers-store'
import { useNavigationStore } from './stores/navigation'

// Opening on the Numbers screen: ask for its first page now, so the answer is ready when the grid mounts.
if (isBridgeAvailable() && useNavigationStore.getState().screen === 'numbers') prefetchFirstPage()

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
