/**
 * Vitcom trunk group management: defineTrunk / update_trunk (origination), defineTrunk_termination /
 * disable_trunk_termination (termination). Each call is sent once; the trunk is read back after it (the
 * cache takes the carrier's answer), and an ambiguous answer is settled by re-reading the carrier's list:
 * a create is found by the id it did not have before, an edit by its values, a disable by its status.
 */
import type { TrunkGroup } from '../../../shared/domain'
import type { TrunkDirection, TrunkValues } from '../../../shared/trunks'
import { AppError } from '../../lib/app-error'
import { CarrierError, isAmbiguous } from '../../lib/carrier-error'
import type { TrunkActions, TrunkChangeResult } from '../adapter'
import { settlingSignal } from '../kit/outcome'
import type { OriginationTrunkInput, VitcomClient } from './client'
import {
  originationSettingsOf,
  toOriginationTrunk,
  toTerminationTrunk,
  vitcomOriginationTrunkId,
  vitcomTerminationTrunkId,
  type MappingContext,
} from './mapping'
import type { OriginationTrunk, TerminationTrunk } from './schemas'

const numberOf = (value: string | undefined): number | undefined => (value === undefined || value === '' ? undefined : Number(value))

/** The form's values in update_trunk's / defineTrunk's parameters (values not given stay out). */
function originationInput(values: TrunkValues): OriginationTrunkInput {
  return {
    title: values.name,
    primaryTrunk: values.ip,
    primaryPrefix: values.prefix,
    primaryPort: numberOf(values.port),
    secondaryTrunk: values.secondaryIp,
    secondaryPrefix: values.secondaryPrefix,
    secondaryPort: numberOf(values.secondaryPort),
    callForwarding: values.callForwarding,
  }
}

/** The thrown error of an ambiguous answer the re-read showed did nothing: a definite failure. */
function notDone(error: CarrierError, what: string): CarrierError {
  return new CarrierError('carrier', { ...error.info, ambiguous: false, retryable: true, message: `${what} (the answer was lost: ${error.info.message})` })
}

const unknownResult = (what: string, error: CarrierError, checkError: unknown): TrunkChangeResult => ({
  outcome: 'unknown',
  message: `${what}: the answer was lost (${error.info.message}) and the trunks could not be read to check (${checkError instanceof Error ? checkError.message : 'unknown error'}); look at the carrier before trying again`,
})

export function vitcomTrunkActions(client: VitcomClient, context: () => MappingContext): TrunkActions {
  const readOrigination = async (id: string, signal: AbortSignal): Promise<TrunkGroup | undefined> => {
    const [trunk] = await client.getTrunks({ trunkId: id, signal })
    return trunk ? toOriginationTrunk(trunk, context()) : undefined
  }
  const readTermination = async (id: string, signal: AbortSignal): Promise<TrunkGroup | undefined> => {
    const [trunk] = await client.getTerminationTrunks({ trunkId: id, signal })
    return trunk ? toTerminationTrunk(trunk, context()) : undefined
  }
  /** Reads one trunk after a change; a failed read-back leaves the trunk out, the change stands. */
  const readBack = (read: () => Promise<TrunkGroup | undefined>): Promise<TrunkGroup | undefined> => read().catch(() => undefined)

  /**
   * Sends a create once. `list` reads the direction's trunks; the new one is the trunk with the title that
   * was not listed before (the doc's answer has no id; the service may echo it).
   */
  async function create<T extends OriginationTrunk | TerminationTrunk>(
    values: TrunkValues,
    signal: AbortSignal,
    list: (signal: AbortSignal) => Promise<T[]>,
    send: () => Promise<{ message: string; trunkId: string | undefined }>,
    map: (trunk: T) => TrunkGroup,
  ): Promise<TrunkChangeResult> {
    const before = new Set((await list(signal)).map((trunk) => trunk.id))
    const created = (trunks: T[]): T | undefined =>
      trunks
        .filter((trunk) => !before.has(trunk.id) && (trunk.title ?? '') === values.name)
        .sort((a, b) => Number(b.id) - Number(a.id))[0]
    let answer: { message: string; trunkId: string | undefined }
    try {
      answer = await send()
    } catch (error) {
      if (!isAmbiguous(error)) throw error
      let found: T | undefined
      try {
        found = created(await list(settlingSignal()))
      } catch (checkError) {
        return unknownResult('Trunk group may have been created', error, checkError)
      }
      if (!found) throw notDone(error, `Not created: no trunk "${values.name ?? ''}" is listed`)
      return { outcome: 'succeeded', trunk: map(found), message: `Created (confirmed after the answer was lost: ${error.info.message})`, checkedAfterFailure: true }
    }
    // Created: read it back by the echoed id, else find it in the list.
    const listed = await list(settlingSignal()).catch(() => undefined)
    const found = listed?.find((trunk) => trunk.id === answer.trunkId) ?? (listed ? created(listed) : undefined)
    return { outcome: 'succeeded', trunk: found ? map(found) : undefined, message: answer.message }
  }

  return {
    async create({ direction, values, signal }: { direction: TrunkDirection; values: TrunkValues; signal: AbortSignal }) {
      if (direction === 'origination') {
        const billing = values.billing === 'unmetered' ? 'Unmetered' : 'Metered'
        return create(
          values,
          signal,
          (listSignal) => client.getTrunks({ signal: listSignal }),
          () =>
            client.defineTrunk({
              ...originationInput(values),
              title: values.name ?? '',
              primaryTrunk: values.ip ?? '',
              billingType: billing,
              sessions: numberOf(values.sessions),
              ...(values.unlimitedMou === 'unlimited' ? { mou: 'Unlimited' as const } : {}),
              signal,
            }),
          (trunk) => toOriginationTrunk(trunk, context()),
        )
      }
      return create(
        values,
        signal,
        (listSignal) => client.getTerminationTrunks({ signal: listSignal }),
        () => client.defineTerminationTrunk({ title: values.name ?? '', ipAddress: values.ip ?? '', ports: Number(values.ports), cps: numberOf(values.cps), signal }),
        (trunk) => toTerminationTrunk(trunk, context()),
      )
    },

    async update({ trunk, changes, signal }) {
      const id = trunk.direction === 'origination' ? vitcomOriginationTrunkId(trunk.id) : undefined
      if (id === undefined) throw new AppError('validation', `${trunk.name}: Vitcom edits origination trunk groups only`)
      try {
        const answer = await client.updateTrunk({ ...originationInput(changes), trunkId: id, signal })
        return { outcome: 'succeeded', trunk: await readBack(() => readOrigination(id, settlingSignal())), message: answer.message }
      } catch (error) {
        if (!isAmbiguous(error)) throw error
        let fresh: OriginationTrunk | undefined
        try {
          ;[fresh] = await client.getTrunks({ trunkId: id, signal: settlingSignal() })
        } catch (checkError) {
          return unknownResult('Trunk group may have been changed', error, checkError)
        }
        if (!fresh) throw notDone(error, `Trunk group ${id} is no longer listed`)
        const settings = originationSettingsOf(fresh)
        // get_trunk does not show call forwarding, so a change of it alone cannot be confirmed.
        const checkable = (Object.keys(changes) as (keyof TrunkValues)[]).filter((key) => key !== 'callForwarding')
        if (checkable.length === 0) {
          return { outcome: 'unknown', message: `Call forwarding may have been changed: the answer was lost (${error.info.message}) and Vitcom's trunk listing does not show it` }
        }
        const applied = checkable.every((key) => (settings[key] ?? '') === (changes[key] ?? ''))
        if (!applied) throw notDone(error, 'Not changed: the trunk still has its old values')
        return { outcome: 'succeeded', trunk: toOriginationTrunk(fresh, context()), message: `Changed (confirmed after the answer was lost: ${error.info.message})`, checkedAfterFailure: true }
      }
    },

    async disable({ trunk, signal }) {
      const id = vitcomTerminationTrunkId(trunk.id)
      if (id === undefined) throw new AppError('validation', `${trunk.name}: Vitcom disables termination trunk groups only`)
      try {
        const answer = await client.disableTerminationTrunk({ trunkId: id, signal })
        return { outcome: 'succeeded', trunk: await readBack(() => readTermination(id, settlingSignal())), message: answer.message }
      } catch (error) {
        if (!isAmbiguous(error)) throw error
        let fresh: TrunkGroup | undefined
        try {
          fresh = await readTermination(id, settlingSignal())
        } catch (checkError) {
          return unknownResult('Trunk group may have been disabled', error, checkError)
        }
        if (fresh?.status !== 'disabled') throw notDone(error, 'Not disabled: the trunk is still active')
        return { outcome: 'succeeded', trunk: fresh, message: `Disabled (confirmed after the answer was lost: ${error.info.message})`, checkedAfterFailure: true }
      }
    },
  }
}
