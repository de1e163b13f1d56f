/**
 * A residential client's lifecycle calls (activate, suspend, cancel), each sent once. After an unclear end
 * the client is read back to say what happened: the domain status tells activate and suspend apart, and
 * for a cancel extension 1000 answers 410 once the client is cancelled. A clear refusal is thrown as is.
 */
import { unknownOutcomeCode, type OrderLine } from '../../../shared/domain'
import { CarrierError, isAmbiguous } from '../../lib/carrier-error'
import { settlingSignal } from '../kit/outcome'
import { defaultExtension, type NexogyClient } from './client'
import type { ClientMemo, ClientStatus, RememberedClient } from './memo'

export interface LifecycleDeps {
  api: NexogyClient
  memo: ClientMemo
  now: () => number
}

export interface LifecycleOutcome {
  ok: boolean
  checkedAfterFailure?: boolean | undefined
  /** Neither the call's answer nor the check came back: nobody knows. */
  outcomeUnknown?: boolean | undefined
  message?: string | undefined
}

export type ActionableClient = RememberedClient & { id: number }

export const isNotFound = (error: unknown): boolean => error instanceof CarrierError && error.info.httpStatus === 404
export const isGone = (error: unknown): boolean => error instanceof CarrierError && error.info.httpStatus === 410

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Cancels the client (domain locked, billing suspended). */
export async function cancelClient(deps: LifecycleDeps, client: ActionableClient, signal: AbortSignal): Promise<LifecycleOutcome> {
  const { api, memo, now } = deps
  try {
    await api.cancelClient({ clientId: client.id, signal })
    memo.update(client.didNumber, { status: 'cancelled', statusCheckedAt: now() })
    return { ok: true }
  } catch (error) {
    if (!isAmbiguous(error)) throw error
    try {
      await api.device({ clientId: client.id, extension: defaultExtension, signal: settlingSignal() })
      return { ok: false, checkedAfterFailure: true, message: `Nexogy did not cancel the client: ${messageOf(error)}` }
    } catch (lookupError) {
      if (!isGone(lookupError) && !isNotFound(lookupError)) {
        return { ok: false, outcomeUnknown: true, message: `Cancelling ended unclearly (${messageOf(error)}) and the check failed (${messageOf(lookupError)})` }
      }
      memo.update(client.didNumber, { status: 'cancelled', statusCheckedAt: now() })
      return { ok: true, checkedAfterFailure: true }
    }
  }
}

/** Activates (also re-activates a cancelled client) or suspends the client. */
export async function changeClientStatus(
  deps: LifecycleDeps,
  client: ActionableClient,
  wanted: Extract<ClientStatus, 'active' | 'suspended'>,
  signal: AbortSignal,
): Promise<LifecycleOutcome> {
  const { api, memo, now } = deps
  try {
    if (wanted === 'active') await api.activateClient({ clientId: client.id, signal })
    else await api.suspendClient({ clientId: client.id, signal })
    memo.update(client.didNumber, { status: wanted, statusCheckedAt: now() })
    return { ok: true }
  } catch (error) {
    if (!isAmbiguous(error)) throw error
    if (client.domain === undefined) {
      return { ok: false, outcomeUnknown: true, message: `The change ended unclearly (${messageOf(error)}) and the client's domain to check it is not known` }
    }
    try {
      const { status } = await api.domainStatus({ domain: client.domain, signal: settlingSignal() })
      const applied = wanted === 'active' ? status === 'active' : status === 'locked'
      if (applied) memo.update(client.didNumber, { status: wanted, statusCheckedAt: now() })
      return { ok: applied, checkedAfterFailure: true, ...(applied ? {} : { message: messageOf(error) }) }
    } catch (lookupError) {
      return { ok: false, outcomeUnknown: true, message: `The change ended unclearly (${messageOf(error)}) and the check failed (${messageOf(lookupError)})` }
    }
  }
}

/** A lifecycle outcome as a number's order line. */
export function lineOf(e164: string, outcome: LifecycleOutcome): OrderLine {
  return {
    e164,
    ok: outcome.ok,
    ...(outcome.outcomeUnknown ? { code: unknownOutcomeCode } : {}),
    ...(outcome.message ? { message: outcome.message } : {}),
    ...(outcome.checkedAfterFailure ? { checkedAfterFailure: true } : {}),
  }
}
