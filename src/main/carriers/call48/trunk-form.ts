/**
 * What Call48's OD trunk group calls take (call48-api-v4.txt, "Create trunk group", "Update trunk group"):
 * a name, IPs "with or without port number", route type RR/TD, number format e164/11/10, CLI type
 * paid/rpid and a prefix. An update adds and removes IPs (`trunk_ips`, `deleted_ips`), so any but the first
 * can be emptied. OD trunk groups take the account's inbound calls; Call48 has no disable call.
 */
import type { RoutingTrunkFormat, TrunkForms } from '../../../shared/trunks'

export const call48TrunkForms: TrunkForms = {
  origination: {
    canUpdate: true,
    canDisable: false,
    fields: [
      { key: 'name', label: 'Trunk name', rule: { kind: 'text', maxLength: 64 }, required: true, editable: true },
      { key: 'ip', label: 'IP address', rule: { kind: 'ipv4', withPort: true }, required: true, editable: true, hint: 'With or without a port, e.g. 10.50.250.10:5060' },
      { key: 'secondaryIp', label: 'Second IP address', rule: { kind: 'ipv4', withPort: true }, editable: true, clearable: true },
      { key: 'extraIps', label: 'More IP addresses', rule: { kind: 'ipv4List', withPort: true, max: 20 }, editable: true, clearable: true, hint: 'Separated by commas' },
      {
        key: 'routeType',
        label: 'Route type',
        rule: { kind: 'choice', options: [{ value: 'RR', label: 'Round robin' }, { value: 'TD', label: 'Top down' }] },
        editable: true,
      },
      {
        key: 'numFormat',
        label: 'Number format',
        rule: { kind: 'choice', options: [{ value: 'e164', label: 'E.164' }, { value: '11', label: '11 digits' }, { value: '10', label: '10 digits' }] },
        editable: true,
      },
      {
        key: 'cliType',
        label: 'CLI type',
        rule: { kind: 'choice', options: [{ value: 'paid', label: 'P-Asserted-Identity' }, { value: 'rpid', label: 'Remote-Party-ID' }] },
        editable: true,
      },
      { key: 'prefix', label: 'Prefix', rule: { kind: 'pattern', pattern: '[0-9*#]{1,10}', example: '2377#' }, editable: true, clearable: true },
    ],
  },
}

/** Numbers route to an OD trunk group by its `ext_tgid` (doc: "Look for ext_tgid ... in List trunk group"). */
export const call48RoutingTrunk: RoutingTrunkFormat = { label: 'OD trunk group (ext_tgid)', pattern: '[1-9]\\d{0,9}', example: '52610' }
