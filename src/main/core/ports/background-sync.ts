/**
 * The background refresh of port orders: every `portsSyncMinutes` (the app setting; 0 turns it off) a sync
 * of the ports area of every account whose carrier has ports, skipped while CarrierDesk is offline. It is
 * the core's, but only front doors that stay open start it (the Electron shell, the E2E harness), never the
 * CLI. Its status (interval, next run, when ports were last synced by anyone) is told as `ports.syncStatus`.
 */
import type { PortSyncStatus } from '../../../shared/ports'
import type { CarrierRegistry } from '../../carriers/registry'
import type { Store } from '../../store/store'
import type { EventHub } from '../events'
import type { SettingsService } from '../settings-service'
import type { SyncRunner } from '../sync/runner'

export interface PortsBackgroundSyncDeps {
  store: Store
  registry: CarrierRegistry
  settings: SettingsService
  sync: SyncRunner
  events: EventHub
  isOnline: () => boolean
  now: () => number
  /** The length of a minute, shorter in tests. */
  minuteMs?: number | undefined
}

export class PortsBackgroundSync {
  private timer: NodeJS.Timeout | undefined
  private active = false
  private running: Promise<void> | undefined
  private nextRunAt: number | undefined
  private readonly unsubscribes: (() => void)[] = []

  constructor(private readonly deps: PortsBackgroundSyncDeps) {
    // Any sync of the ports area (by hand too) changes "last run".
    this.unsubscribes.push(
      deps.events.on('sync.finished', ({ results }) => {
        if (results.some((result) => result.area === 'ports')) this.announce()
      }),
    )
  }

  private get minuteMs(): number {
    return this.deps.minuteMs ?? 60_000
  }

  private intervalMinutes(): number {
    return this.deps.settings.get().portsSyncMinutes
  }

  status(): PortSyncStatus {
    const intervalMinutes = this.intervalMinutes()
    const last = this.deps.store.ports.lastSync()
    return {
      intervalMinutes,
      active: this.active,
      paused: !this.active ? undefined : intervalMinutes === 0 ? 'off' : this.deps.isOnline() ? undefined : 'offline',
      running: this.running !== undefined,
      lastRunAt: last?.finishedAt,
      lastOutcome: last?.outcome,
      nextRunAt: this.active && intervalMinutes > 0 ? this.nextRunAt : undefined,
    }
  }

  private announce(): void {
    this.deps.events.emit('ports.syncStatus', this.status())
  }

  /** Starts the timer (idempotent) and follows setting changes and going on or offline. */
  start(): void {
    if (this.active) return
    this.active = true
    this.unsubscribes.push(
      this.deps.events.on('settings.changed', () => this.schedule()),
      this.deps.events.on('app.online', ({ online }) => {
        // Back online with a refresh overdue: run it now rather than wait a whole interval.
        if (online && this.nextRunAt !== undefined && this.nextRunAt <= this.deps.now()) void this.runNow()
        else this.announce()
      }),
    )
    this.schedule()
  }

  stop(): void {
    this.active = false
    clearTimeout(this.timer)
    this.timer = undefined
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe()
  }

  private schedule(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    const minutes = this.intervalMinutes()
    if (!this.active || minutes === 0) {
      this.nextRunAt = undefined
      this.announce()
      return
    }
    const delay = minutes * this.minuteMs
    this.nextRunAt = this.deps.now() + delay
    this.timer = setTimeout(() => void this.runNow(), delay)
    this.timer.unref?.()
    this.announce()
  }

  /** One refresh, unless one is running, the setting is off or CarrierDesk is offline; then the next is scheduled. */
  async runNow(): Promise<void> {
    if (this.running) return this.running
    if (this.intervalMinutes() === 0 || !this.deps.isOnline()) {
      this.schedule()
      return
    }
    const accountIds = this.deps.store.accounts
      .list()
      .filter((account) => {
        const capabilities = this.deps.registry.get(account.carrier).capabilities
        return capabilities.includes('ports.list') || capabilities.includes('ports.track')
      })
      .map((account) => account.id)
    if (accountIds.length === 0) {
      this.schedule()
      return
    }
    const run = this.refresh(accountIds)
    this.running = run
    this.announce()
    return run
  }

  private async refresh(accountIds: string[]): Promise<void> {
    // Yield first, so `running` is set before this ends, even when the sync is refused at once.
    await Promise.resolve()
    try {
      await this.deps.sync.start({ accountIds, areas: ['ports'] }).done
    } catch {
      // Closing, or a run refused: the next tick tries again.
    } finally {
      this.running = undefined
      if (this.active) this.schedule()
      else this.announce()
    }
  }
}
