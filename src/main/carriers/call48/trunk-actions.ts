/**
 * Call48 OD trunk groups: create (`POST /trunkgrp/create`) and edit (`PUT /trunkgrp/update`: settings,
 * IPs added and deleted), each sent once and read back from the paged listing; an ambiguous answer is
 * settled by reading the listing (a create by the name that was not there, an edit by its values).
 */
import type { TrunkGroup } from '../../../shared/domain'
import { ipListOf, type TrunkValues } from '../../../shared/trunks'
import { throwIfAborted } from '../../lib/app-error'
import { CarrierError, isAmbiguous } from '../../lib/carrier-error'
import type { TrunkActions, TrunkChangeResult } from '../adapter'
import { settlingSignal } from '../kit/outcome'
import type { Call48Client, TrunkGroupOptions } from './client'
import { mapTrunkGroup, trunkGroupSettingsOf } from './mapping'
import type { Call48TrunkGroup } from './schemas'

const trunkPageSize = 100

/** Every OD trunk group of the account, page by page. */
export async function listAllTrunkGroups(client: Call48Client, signal: AbortSignal): Promise<Call48TrunkGroup[]> {
  const groups: Call48TrunkGroup[] = []
  for (let page = 1; ; page += 1) {
    throwIfAborted(signal)
    const result = await client.listTrunkGroups({ page, limit: trunkPageSize, signal })
    groups.push(...result.groups)
    if (!result.hasMore || result.groups.length === 0) return groups
  }
}

/** The IPs a trunk's settings name, in order: the first, the second, then the rest. */
const ipsOf = (values: TrunkValues): string[] => [values.ip, values.secondaryIp, ...ipListOf(values.extraIps)].filter((ip): ip is string => ip !== undefined && ip !== '')

/** An IP as the listing writes it (port 5060 when none is given), so "10.0.0.1" and "10.0.0.1:5060" are one. */
const withPort = (ip: string): string => (ip.includes(':') ? ip : `${ip}:5060`)

function optionsOf(values: TrunkValues): TrunkGroupOptions {
  return {
    routeType: values.routeType === 'RR' || values.routeType === 'TD' ? values.routeType : undefined,
    numberFormat: values.numFormat === 'e164' || values.numFormat === '11' || values.numFormat === '10' ? values.numFormat : undefined,
    cliType: values.cliType === 'paid' || values.cliType === 'rpid' ? values.cliType : undefined,
    prefix: values.prefix,
  }
}

const notDone = (error: CarrierError, what: string): CarrierError =>
  new CarrierError('carrier', { ...error.info, ambiguous: false, retryable: true, message: `${what} (the answer was lost: ${error.info.message})` })

const unknownResult = (what: string, error: CarrierError, checkError: unknown): TrunkChangeResult => ({
  outcome: 'unknown',
  message: `${what}: the answer was lost (${error.info.message}) and the trunk groups could not be read to check (${checkError instanceof Error ? checkError.message : 'unknown error'}); look at the carrier before trying again`,
})

/** Whether a listed group has the settings an edit asked for. */
function hasSettings(group: Call48TrunkGroup, wanted: TrunkValues): boolean {
  const listed = trunkGroupSettingsOf(group)
  const sameIps = new Set(group.trunk_ips.map(withPort)).size === new Set(ipsOf(wanted).map(withPort)).size && ipsOf(wanted).every((ip) => group.trunk_ips.map(withPort).includes(withPort(ip)))
  return sameIps && (['name', 'routeType', 'numFormat', 'cliType', 'prefix'] as const).every((key) => (listed[key] ?? '') === (wanted[key] ?? ''))
}

export function call48TrunkActions(client: Call48Client, accountId: string, now: () => number): TrunkActions {
  const mapped = (group: Call48TrunkGroup): TrunkGroup => mapTrunkGroup(group, accountId, now())
  const readBack = async (match: (group: Call48TrunkGroup) => boolean): Promise<TrunkGroup | undefined> => {
    const found = (await listAllTrunkGroups(client, settlingSignal()).catch(() => [])).find(match)
    return found ? mapped(found) : undefined
  }

  return {
    async create({ values, signal }) {
      const before = new Set((await listAllTrunkGroups(client, signal)).map((group) => group.trunk_grpid))
      const isNew = (group: Call48TrunkGroup): boolean => !before.has(group.trunk_grpid) && group.trunk_name === values.name
      try {
        const created = await client.createTrunkGroup({ ...optionsOf(values), name: values.name ?? '', ips: ipsOf(values), signal })
        return { outcome: 'succeeded', trunk: await readBack((group) => group.trunk_grpid === created.trunk_grpid), message: `Trunk group ${created.ext_tgid} created` }
      } catch (error) {
        if (!isAmbiguous(error)) throw error
        let groups: Call48TrunkGroup[]
        try {
          groups = await listAllTrunkGroups(client, settlingSignal())
        } catch (checkError) {
          return unknownResult('Trunk group may have been created', error, checkError)
        }
        const found = groups.find(isNew)
        if (!found) throw notDone(error, `Not created: no trunk group "${values.name ?? ''}" is listed`)
        return { outcome: 'succeeded', trunk: mapped(found), message: `Created (confirmed after the answer was lost: ${error.info.message})`, checkedAfterFailure: true }
      }
    },

    async update({ trunk, changes, signal }) {
      const raw = trunk.raw as { trunk_grpid?: unknown }
      const trunkGroupId = Number(raw.trunk_grpid)
      const wanted: TrunkValues = { ...(trunk.settings ?? {}) }
      for (const [key, value] of Object.entries(changes) as [keyof TrunkValues, string][]) {
        if (value === '') delete wanted[key]
        else wanted[key] = value
      }
      const current = trunk.ips.map(withPort)
      const next = ipsOf(wanted).map(withPort)
      const options = optionsOf(changes)
      const isSame = (group: Call48TrunkGroup): boolean => group.trunk_grpid === trunkGroupId
      try {
        await client.updateTrunkGroup({
          ...options,
          trunkGroupId,
          name: changes.name,
          addIps: next.filter((ip) => !current.includes(ip)),
          deleteIps: current.filter((ip) => !next.includes(ip)),
          signal,
        })
        return { outcome: 'succeeded', trunk: await readBack(isSame), message: `Trunk group ${trunk.id} updated` }
      } catch (error) {
        if (!isAmbiguous(error)) throw error
        let found: Call48TrunkGroup | undefined
        try {
          found = (await listAllTrunkGroups(client, settlingSignal())).find(isSame)
        } catch (checkError) {
          return unknownResult('Trunk group may have been changed', error, checkError)
        }
        if (!found) throw notDone(error, `Trunk group ${trunk.id} is no longer listed`)
        if (!hasSettings(found, wanted)) throw notDone(error, 'Not changed: the trunk group still has its old settings')
        return { outcome: 'succeeded', trunk: mapped(found), message: `Updated (confirmed after the answer was lost: ${error.info.message})`, checkedAfterFailure: true }
      }
    },
  }
}
