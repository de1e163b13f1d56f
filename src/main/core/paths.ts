/**
 * Where CarrierDesk keeps its data. The CLI uses the XDG data dir; the Electron shell passes `userData`.
 * `--data-dir` or CARRIERDESK_DATA_DIR override both.
 */
import { homedir } from 'node:os'
import { join } from 'node:path'

export function defaultCliDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CARRIERDESK_DATA_DIR) return env.CARRIERDESK_DATA_DIR
  const xdg = env.XDG_DATA_HOME && env.XDG_DATA_HOME.length > 0 ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share')
  return join(xdg, 'carrierdesk')
}

export const databaseFile = (dataDir: string): string => join(dataDir, 'carrierdesk.db')

/** Where downloaded carrier files (CDR files, invoices) are saved. */
export const downloadsDir = (dataDir: string): string => join(dataDir, 'downloads')
