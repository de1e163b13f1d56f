/**
 * Call48 OD trunk groups: `POST /trunkgrp/create`, `PUT /trunkgrp/update` (IPs added and deleted) and the
 * listing. The doc gives the listing's answer but not its path; `GET /trunkgrp/list` (paged like other
 * Call48 lists, `page`/`limit`) is the plausible one, and `GET /trunkgrp` is accepted too.
 */
import { isIP } from 'node:net'
import { z } from 'zod'
import type { Router } from '../kit/http'
import { hash32 } from '../kit/random'
import { badRequest, bare, jsonBody, notFound, paging, parseWith, queryObject, refused } from './envelope'
import { defaultTrunkGroupId } from './inventory'
import { hexToken } from './dids'
import { apiBase, type Call48World } from './world'

interface TrunkIp {
  ip: string
  port: number
}

export interface TrunkGroup {
  trunk_grpid: number
  ext_tgid: number
  trunk_name: string
  route_type: 'RR' | 'TD'
  num_format: 'e164' | '11' | '10'
  cli_type: 'paid' | 'rpid'
  prefix: string | null
  ss_verify: boolean
  ips: TrunkIp[]
  order_no: string
  ext_tgstatus: string
  created_at: string
  updated_at: string
}

export interface TrunkStore {
  groups: TrunkGroup[]
  exists(extTgid: number): boolean
}

const accountId = 3
const odCustomerId = 10031

export function createTrunkStore(seed: number, now: number): TrunkStore {
  const created = new Date(now - 90 * 86_400_000).toISOString()
  const groups: TrunkGroup[] = [
    {
      trunk_grpid: 11,
      ext_tgid: defaultTrunkGroupId,
      trunk_name: 'Sandbox Primary',
      route_type: 'TD',
      num_format: '11',
      cli_type: 'paid',
      prefix: null,
      ss_verify: false,
      ips: [{ ip: `10.48.${hash32(seed, 1) % 250}.10`, port: 5060 }],
      order_no: `newTG-${hexToken(18, seed, 11)}`,
      ext_tgstatus: 'active',
      created_at: created,
      updated_at: created,
    },
    {
      trunk_grpid: 12,
      ext_tgid: defaultTrunkGroupId + 1,
      trunk_name: 'Sandbox Backup',
      route_type: 'RR',
      num_format: 'e164',
      cli_type: 'rpid',
      prefix: '2377#',
      ss_verify: false,
      ips: [
        { ip: `10.48.${hash32(seed, 2) % 250}.20`, port: 5060 },
        { ip: `10.48.${hash32(seed, 2) % 250}.21`, port: 5080 },
      ],
      order_no: `newTG-${hexToken(18, seed, 12)}`,
      ext_tgstatus: 'active',
      created_at: created,
      updated_at: created,
    },
  ]
  return { groups, exists: (extTgid) => groups.some((group) => group.ext_tgid === extTgid) }
}

/** `10.0.0.1` or `10.0.0.1:5080` (port 5060 when absent). */
function parseIp(value: string): TrunkIp {
  const [ip = '', port] = value.trim().split(':')
  const portNumber = port === undefined ? 5060 : Number(port)
  if (isIP(ip) !== 4 || !Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65_535) {
    throw badRequest(`Invalid ip address ${value}`)
  }
  return { ip, port: portNumber }
}

const sameIp = (a: TrunkIp, b: TrunkIp): boolean => a.ip === b.ip && a.port === b.port

const IpListSchema = z.array(z.object({ ip_address: z.string().min(1) }))
const Options = {
  route_type: z.enum(['RR', 'TD']).optional(),
  num_format: z.enum(['e164', '11', '10']).optional(),
  cli_type: z.enum(['paid', 'rpid']).optional(),
  prefix: z.string().max(10).nullable().optional(),
}
const CreateSchema = z.object({ trunk_name: z.string().trim().min(1).max(64), ...Options, trunk_ips: IpListSchema.min(1) })
const UpdateSchema = z.object({
  trunk_grpid: z.coerce.number().int(),
  trunk_name: z.string().trim().min(1).max(64).optional(),
  ...Options,
  deleted_ips: z.array(z.string()).optional(),
  trunk_ips: IpListSchema.default([]),
})

export function registerTrunks(router: Router, world: Call48World, store: TrunkStore): void {
  const { guard } = world.auth
  const now = (): string => new Date(world.context.clock.now()).toISOString()

  function ipsRendered(group: TrunkGroup) {
    return group.ips.map((entry) => ({ port: entry.port, trunk_grpid: group.trunk_grpid, ip_address: entry.ip }))
  }

  router.add(
    'POST',
    `${apiBase}/trunkgrp/create`,
    guard((request) => {
      const input = parseWith(CreateSchema, jsonBody(request))
      if (store.groups.some((group) => group.trunk_name === input.trunk_name)) throw refused(`Trunk group ${input.trunk_name} already exists`)
      const ips: TrunkIp[] = []
      for (const entry of input.trunk_ips) {
        const ip = parseIp(entry.ip_address)
        if (ips.some((other) => sameIp(other, ip))) throw badRequest(`Duplicate ip address ${entry.ip_address}`)
        ips.push(ip)
      }
      const trunkGrpid = Math.max(19, ...store.groups.map((group) => group.trunk_grpid)) + 1
      const stamp = now()
      const group: TrunkGroup = {
        trunk_grpid: trunkGrpid,
        ext_tgid: Math.max(defaultTrunkGroupId + 9, ...store.groups.map((entry) => entry.ext_tgid)) + 1,
        trunk_name: input.trunk_name,
        route_type: input.route_type ?? 'RR',
        num_format: input.num_format ?? 'e164',
        cli_type: input.cli_type ?? 'paid',
        prefix: input.prefix ?? null,
        ss_verify: false,
        ips,
        order_no: `newTG-${hexToken(18, world.context.seed, trunkGrpid, world.context.clock.now() % 1_000_000)}`,
        ext_tgstatus: 'queued',
        created_at: stamp,
        updated_at: stamp,
      }
      store.groups.push(group)
      world.record('trunk-create', { trunk_grpid: group.trunk_grpid, ext_tgid: group.ext_tgid, trunk_name: group.trunk_name, ips: ips.map((ip) => `${ip.ip}:${ip.port}`) })
      return bare({
          code: 200,
          message: 'Trunk Group created successfully',
          data: {
            ss_verify: group.ss_verify,
            trunk_grpid: group.trunk_grpid,
            trunk_name: group.trunk_name,
            route_type: group.route_type,
            num_format: group.num_format,
            cli_type: group.cli_type,
            prefix: group.prefix,
            trunk_ips: ipsRendered(group),
            account_id: accountId,
            ext_tgid: group.ext_tgid,
            od_custid: odCustomerId,
            order_no: group.order_no,
            ext_tgstatus: group.ext_tgstatus,
            updated_at: group.updated_at,
            created_at: group.created_at,
          },
          error: null,
        })
    }),
  )

  router.add(
    'PUT',
    `${apiBase}/trunkgrp/update`,
    guard((request) => {
      const input = parseWith(UpdateSchema, jsonBody(request))
      const group = store.groups.find((entry) => entry.trunk_grpid === input.trunk_grpid)
      if (!group) throw notFound(`Trunk group ${input.trunk_grpid} not found`)
      const ips = [...group.ips]
      for (const value of input.deleted_ips ?? []) {
        const target = parseIp(value)
        // "with/without port": without a port any port of that address matches.
        const at = ips.findIndex((entry) => entry.ip === target.ip && (value.includes(':') ? entry.port === target.port : true))
        if (at < 0) throw refused(`IP ${value} is not in trunk group ${group.trunk_grpid}`)
        ips.splice(at, 1)
      }
      for (const entry of input.trunk_ips) {
        const ip = parseIp(entry.ip_address)
        if (ips.some((other) => sameIp(other, ip))) throw refused(`IP ${entry.ip_address} is already in trunk group ${group.trunk_grpid}`)
        ips.push(ip)
      }
      if (ips.length === 0) throw refused('A trunk group needs at least one IP')
      if (input.trunk_name && store.groups.some((other) => other !== group && other.trunk_name === input.trunk_name)) {
        throw refused(`Trunk group ${input.trunk_name} already exists`)
      }
      group.ips = ips
      if (input.trunk_name) group.trunk_name = input.trunk_name
      if (input.route_type) group.route_type = input.route_type
      if (input.num_format) group.num_format = input.num_format
      if (input.cli_type) group.cli_type = input.cli_type
      if (input.prefix !== undefined) group.prefix = input.prefix
      group.updated_at = now()
      world.record('trunk-update', {
        trunk_grpid: group.trunk_grpid,
        added: input.trunk_ips.map((entry) => entry.ip_address),
        deleted: input.deleted_ips ?? [],
      })
      return bare({ code: 200, message: 'Success', data: null, error: null })
    }),
  )

  const list = guard((request, user) => {
    const query = queryObject(request)
    const { offset, size } = paging(query.page, query.limit, 25, 100)
    const rows = store.groups.slice(offset, offset + size).map((group) => ({
      trunk_grpid: group.trunk_grpid,
      ext_tgid: group.ext_tgid,
      trunk_name: group.trunk_name,
      account_id: accountId,
      route_type: group.route_type,
      num_format: group.num_format,
      cli_type: group.cli_type,
      prefix: group.prefix,
      ss_verify: group.ss_verify,
      trunk_ips: group.ips.map((entry) => `${entry.ip}:${entry.port}`),
      account_username: user.userName,
    }))
    return bare({
        code: 200,
        message: 'Success',
        // `totalRecords` is a string in the doc's sample.
        data: { result: rows, totalRecords: String(store.groups.length), enableNext: offset + size < store.groups.length },
        error: null,
      })
  })
  router.add('GET', `${apiBase}/trunkgrp/list`, list)
  router.add('GET', `${apiBase}/trunkgrp`, list)
}
