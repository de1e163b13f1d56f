/** Waiting for work to end, bounded: closing must not hang on work that ignores its abort signal. */

/** Resolves once every promise has settled (fulfilled or rejected), or after `timeoutMs`, whichever is first. */
export async function settleWithin(promises: readonly Promise<unknown>[], timeoutMs: number): Promise<void> {
  if (promises.length === 0) return
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs)
  })
  try {
    await Promise.race([Promise.allSettled(promises), timeout])
  } finally {
    clearTimeout(timer)
  }
}
