/**
 * The desktop side of port notices: while the app is open, the background port refresh runs, and every
 * notice a sync finds (FOC set or moved, completed, rejected) is shown once through `show` (Electron's
 * Notification, given by main.ts, the one file that imports Electron).
 */
import type { CarrierDesk } from '../core/carrierdesk'

export function showPortNotices(desk: CarrierDesk, show: (title: string, body: string) => void): void {
  desk.portsBackground.start()
  desk.events.on('ports.notice', (notice) => show(notice.title, notice.message))
}
