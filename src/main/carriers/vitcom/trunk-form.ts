/**
 * What Vitcom's trunk calls take, as the doc states each parameter (vitcom-telecomcloud-api.txt,
 * defineTrunk, update_trunk, defineTrunk_termination): every door checks these before anything is sent.
 * update_trunk changes only the values given and takes no billing type, sessions or MOU; a value left out
 * is kept, so none can be emptied. Termination trunks cannot be edited, only disabled.
 */
import type { RoutingTrunkFormat, TrunkField, TrunkForms } from '../../../shared/trunks'

const ip = (key: 'ip' | 'secondaryIp', label: string, required: boolean): TrunkField => ({
  key,
  label,
  rule: { kind: 'ipv4' },
  required,
  editable: true,
})
/** "integer 4 to 6 digit {code}". */
const prefix = (key: 'prefix' | 'secondaryPrefix', label: string): TrunkField => ({
  key,
  label,
  rule: { kind: 'digits', minLength: 4, maxLength: 6 },
  editable: true,
  hint: '4 to 6 digits',
})
/** "integer 4 digit {port}". */
const port = (key: 'port' | 'secondaryPort', label: string): TrunkField => ({
  key,
  label,
  rule: { kind: 'digits', minLength: 4, maxLength: 4 },
  editable: true,
  hint: '4 digits, e.g. 5060',
})

export const vitcomTrunkForms: TrunkForms = {
  origination: {
    canUpdate: true,
    canDisable: false,
    fields: [
      { key: 'name', label: 'Title', rule: { kind: 'text', maxLength: 64 }, required: true, editable: true },
      ip('ip', 'Primary IP', true),
      prefix('prefix', 'Primary prefix'),
      port('port', 'Primary port'),
      ip('secondaryIp', 'Secondary IP', false),
      prefix('secondaryPrefix', 'Secondary prefix'),
      port('secondaryPort', 'Secondary port'),
      {
        key: 'billing',
        label: 'Billing type',
        rule: { kind: 'choice', options: [{ value: 'metered', label: 'Metered' }, { value: 'unmetered', label: 'Unmetered' }] },
        required: true,
        editable: false,
      },
      {
        key: 'sessions',
        label: 'Sessions',
        rule: { kind: 'integer', min: 1, max: 10_000 },
        requiredWhen: { key: 'billing', value: 'unmetered' },
        editable: false,
        hint: 'Concurrent calls; required when billing is unmetered',
      },
      {
        key: 'unlimitedMou',
        label: 'Minutes of use',
        rule: { kind: 'choice', options: [{ value: 'unlimited', label: 'Unlimited' }] },
        editable: false,
        hint: 'Unlimited, or left blank',
      },
      {
        key: 'callForwarding',
        label: 'Call forwarding',
        rule: { kind: 'digits', minLength: 11, maxLength: 11 },
        editable: true,
        hint: '11-digit number calls go to when the trunk is down, e.g. 13055550100',
      },
    ],
  },
  termination: {
    canUpdate: false,
    canDisable: true,
    fields: [
      { key: 'name', label: 'Title', rule: { kind: 'text', maxLength: 64 }, required: true, editable: false },
      { key: 'ip', label: 'IP address', rule: { kind: 'ipv4' }, required: true, editable: false },
      { key: 'ports', label: 'Ports', rule: { kind: 'integer', min: 1, max: 1000 }, required: true, editable: false, hint: '1 to 1000' },
      { key: 'cps', label: 'Calls per second', rule: { kind: 'integer', min: 1, max: 100 }, editable: false },
    ],
  },
}

/** Numbers route to origination trunk groups, named `orig-<id>` in CarrierDesk (a bare id is taken too). */
export const vitcomRoutingTrunk: RoutingTrunkFormat = { label: 'Origination trunk group', pattern: '(?:orig-)?\\d{1,9}', example: 'orig-100' }
