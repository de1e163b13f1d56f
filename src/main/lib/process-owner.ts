/**
 * Which process owns a piece of work that outlives a call (a sync run recorded as running), and whether
 * that process is still alive. The owner is its pid plus, on Linux, its start time in clock ticks since
 * boot (/proc/<pid>/stat, field 22): a pid the system handed to another process since does not match.
 * Elsewhere only the pid is known, so a reused pid is taken for the owner (its run stays running until that
 * process goes too).
 */
import { readFileSync } from 'node:fs'

/** The start time of a process, as /proc/<pid>/stat gives it, or '' when it cannot be read. */
function startTicks(pid: number | 'self'): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? ''
  } catch {
    return ''
  }
}

/** This process, as an owner: "<pid>@<start ticks>" (or "<pid>@" where the start time is unknown). */
export const currentOwner = (): string => `${process.pid}@${startTicks('self')}`

/** Whether the process an owner names still runs (and, where start times are known, is that same process). */
export function isOwnerAlive(owner: string | null): boolean {
  const match = /^(\d+)@(\d*)$/.exec(owner ?? '')
  if (!match) return false
  const pid = Number(match[1])
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: the process exists, owned by another user; ESRCH: it does not.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  const recorded = match[2] ?? ''
  const now = startTicks(pid)
  return recorded === '' || now === '' || recorded === now
}
