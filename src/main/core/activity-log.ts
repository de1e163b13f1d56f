/**
 * The activity log: every mutation, who/what/when/result. Details are scrubbed of anything that looks
 * like a secret before they are written, as a second line of defence behind callers that never pass one.
 */
import type { ActivityEntry } from '../../shared/domain'
import type { ActivityRepository } from '../store/repositories/activity'
import type { EventHub } from './events'
import { redact } from '../lib/redact'

export class ActivityLog {
  constructor(
    private readonly repository: ActivityRepository,
    private readonly events: EventHub,
    private readonly actor: string,
    private readonly now: () => number,
  ) {}

  record(entry: Omit<ActivityEntry, 'id' | 'at' | 'actor'>): ActivityEntry {
    const saved = this.repository.append({
      ...entry,
      details: entry.details === undefined ? undefined : (redact(entry.details) as Record<string, unknown>),
      at: this.now(),
      actor: this.actor,
    })
    this.events.emit('activity.added', saved)
    return saved
  }

  list(options: { limit: number; target?: string; since?: number | undefined; accountId?: string | undefined }): ActivityEntry[] {
    return this.repository.list(options.limit, options.target, { since: options.since, accountId: options.accountId })
  }
}
