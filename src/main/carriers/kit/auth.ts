/**
 * The auth lifecycle every carrier client shares: obtain a token, keep it in memory, renew it before it
 * expires, and on an auth failure renew once and retry once. Concurrent calls share one login in flight,
 * so two calls never log in twice at the same time.
 */
import { AppError } from '../../lib/app-error'

export interface IssuedToken<T> {
  value: T
  /** Epoch ms after which the token must not be used; undefined when the carrier does not say. */
  expiresAt?: number | undefined
}

export interface TokenKeeperOptions<T> {
  /** Logs in; `previous` is the token being replaced (for refresh grants). */
  login(options: { signal: AbortSignal; previous: IssuedToken<T> | undefined }): Promise<IssuedToken<T>>
  /** Renew this long before the stated expiry. */
  renewEarlyMs?: number
  now?: () => number
}

/** True for errors that mean "your token is not (or no longer) good". */
export const isAuthFailure = (error: unknown): boolean => error instanceof AppError && error.code === 'auth'

export class TokenKeeper<T> {
  private current: IssuedToken<T> | undefined
  private inFlight: Promise<IssuedToken<T>> | undefined
  private logins = 0

  constructor(private readonly options: TokenKeeperOptions<T>) {}

  /** How many times this keeper has logged in (for tests and diagnostics). */
  get loginCount(): number {
    return this.logins
  }

  private fresh(token: IssuedToken<T> | undefined): token is IssuedToken<T> {
    if (!token) return false
    if (token.expiresAt === undefined) return true
    const now = (this.options.now ?? Date.now)()
    return now < token.expiresAt - (this.options.renewEarlyMs ?? 60_000)
  }

  /** A valid token, logging in (once, shared by concurrent callers) when there is none. */
  async token(signal: AbortSignal): Promise<T> {
    if (this.fresh(this.current)) return this.current.value
    return (await this.renew(signal, this.current)).value
  }

  /** Forgets `stale` (if it is still the current token) and logs in again, sharing a login in flight. */
  private renew(signal: AbortSignal, stale: IssuedToken<T> | undefined): Promise<IssuedToken<T>> {
    if (this.current !== stale && this.fresh(this.current)) return Promise.resolve(this.current)
    if (!this.inFlight) {
      this.logins += 1
      // The login runs on its own signal: one caller cancelling must not fail the others waiting on it.
      const login = this.options.login({ signal: new AbortController().signal, previous: stale })
      this.inFlight = login.then(
        (token) => {
          this.current = token
          return token
        },
      ).finally(() => {
        this.inFlight = undefined
      })
    }
    return abortable(this.inFlight, signal)
  }

  /** Runs `call` with a token; on an auth failure renews once and retries once. */
  async run<R>(signal: AbortSignal, call: (token: T) => Promise<R>): Promise<R> {
    if (!this.fresh(this.current)) await this.renew(signal, this.current)
    const used = this.current as IssuedToken<T>
    try {
      return await call(used.value)
    } catch (error) {
      if (!isAuthFailure(error)) throw error
      const renewed = await this.renew(signal, used)
      return call(renewed.value)
    }
  }

  /** Drops the token (after a logout or a change of credentials). */
  forget(): void {
    this.current = undefined
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new AppError('cancelled', 'Cancelled'))
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AppError('cancelled', 'Cancelled'))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}
