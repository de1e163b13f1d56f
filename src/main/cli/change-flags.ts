/**
 * The change options of `carrierdesk numbers change` and `changes stage`, one row each: the option, how its
 * value is read, and the edit it stands for. The commands read this table generically (every row becomes
 * an option; every option given becomes an edit), so a new kind of change is one row here.
 */
import { readFileSync } from 'node:fs'
import { Option } from 'commander'
import { z } from 'zod'
import { E911AddressSchema, NumberChangeSchema } from '../../shared/ipc-shared'
import { editField, fieldLabel, normaliseTag, type EditField, type NumberEdit } from '../../shared/number-edits'
import { AppError } from '../lib/app-error'
import { optionValueError } from './usage'

export interface ChangeFlag {
  /** Commander's flags, e.g. `--trunk <id>`. */
  flags: string
  description: string
  /** The edit the option's value stands for; a bad value throws a validation error naming the option. */
  toEdit(value: string): NumberEdit
}

const longFlag = (flags: string): string => /--[\w-]+/.exec(flags)?.[0] ?? flags

/** "none" (or "off") clears a setting. */
const clears = (value: string): boolean => ['none', 'off'].includes(value.trim().toLowerCase())

/** A row for an option that makes a carrier change: `toChange` builds the change, checked by the contract. */
export function changeFlag(flags: string, description: string, toChange: (value: string) => unknown): ChangeFlag {
  return {
    flags,
    description,
    toEdit(value) {
      const parsed = NumberChangeSchema.safeParse(toChange(value))
      if (!parsed.success) throw optionValueError(longFlag(flags), parsed.error)
      return { kind: 'change', change: parsed.data }
    },
  }
}

/** A JSON file's content (`-` is not accepted: standard input may carry secrets elsewhere). */
function readJsonFile(flag: string, path: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new AppError('validation', `${flag}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`)
  }
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new AppError('validation', `${flag}: ${path} is not JSON`)
  }
}

function jsonValue(flag: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new AppError('validation', `${flag}: not JSON`)
  }
}

function tagFlag(flags: string, description: string, mode: 'add' | 'remove'): ChangeFlag {
  return {
    flags,
    description,
    toEdit(value) {
      const tag = normaliseTag(value)
      if (tag === '' || tag.length > 40) throw new AppError('validation', `${longFlag(flags)}: a tag is 1 to 40 characters`)
      return { kind: 'tags', add: mode === 'add' ? [tag] : [], remove: mode === 'remove' ? [tag] : [] }
    },
  }
}

export const changeFlags: readonly ChangeFlag[] = [
  changeFlag('--trunk <id>', 'route calls to this trunk (the endpoint group id at VoIP Innovations)', (trunk) => ({ kind: 'routing', routing: { kind: 'trunk', trunk } })),
  changeFlag('--forward <e164>', 'forward calls to this number', (destination) => ({ kind: 'routing', routing: { kind: 'forward', destination: destination.replace(/[\s().-]/g, '') } })),
  changeFlag('--cnam <text>', 'set the caller name (an empty text removes it)', (cnam) => ({ kind: 'cnam', cnam: cnam.trim() === '' ? null : cnam })),
  changeFlag('--e911-file <file>', 'set the E911 address from a JSON file: {"callerName", "street", "unit"?, "city", "state", "zip"}', (file) => {
    const address = E911AddressSchema.safeParse(readJsonFile('--e911-file', file))
    if (!address.success) throw optionValueError('--e911-file', address.error)
    return { kind: 'e911', address: address.data }
  }),
  changeFlag('--status <status>', 'active or suspended', (status) => ({ kind: 'status', status: status.trim().toLowerCase() })),
  tagFlag('--tag <tag>', 'add a local tag (kept in CarrierDesk, never sent)', 'add'),
  tagFlag('--untag <tag>', 'remove a local tag', 'remove'),
  changeFlag('--stop-forwarding', 'end forwarding: calls go to the trunk again', () => ({ kind: 'stopForwarding' })),
  changeFlag('--failover <e164|none>', 'where calls go when the trunk does not answer ("none" removes it)', (value) => ({
    kind: 'failover',
    destination: clears(value) ? null : value.replace(/[\s().-]/g, ''),
  })),
  changeFlag('--fax-email <address|none>', 'send faxes to this e-mail address ("none" turns fax to e-mail off)', (value) => ({
    kind: 'fax',
    fax: clears(value) ? { enabled: false } : { enabled: true, email: value.trim() },
  })),
  changeFlag('--group <id|name|none>', 'move into this number group (see `numbers groups`; "none" takes them out)', (value) => ({
    kind: 'group',
    groupId: clears(value) ? null : value.trim(),
  })),
  changeFlag('--remove-e911', 'remove the E911 address', () => ({ kind: 'e911Remove' })),
  changeFlag('--change <json>', 'any change as JSON, e.g. \'{"kind":"fax","fax":{"enabled":false}}\' or a 411 listing', (json) => jsonValue('--change', json)),
]

const collect = (value: string, previous: string[]): string[] => [...previous, value]

const withoutValue = (row: ChangeFlag): boolean => !row.flags.includes('<')

/** Adds every row's option to a command (each repeatable). */
export function addChangeOptions(command: { addOption(option: Option): unknown }): void {
  for (const row of changeFlags) {
    command.addOption(withoutValue(row) ? new Option(row.flags, row.description) : new Option(row.flags, row.description).argParser(collect).default([]))
  }
}

/**
 * The edits the options given stand for, one per field: tag options add up into one tag edit, and two
 * options that set the same field (`--trunk` and `--forward`) are refused. Empty when none was given.
 */
export function editsFromOptions(options: Record<string, unknown>): NumberEdit[] {
  const byField = new Map<EditField, { flag: string; edit: NumberEdit }>()
  for (const row of changeFlags) {
    const key = new Option(row.flags).attributeName()
    const values = withoutValue(row) ? (options[key] === true ? [''] : []) : z.array(z.string()).catch([]).parse(options[key])
    for (const value of values) {
      const edit = row.toEdit(value)
      const field = editField(edit)
      const earlier = byField.get(field)
      if (earlier && earlier.edit.kind === 'tags' && edit.kind === 'tags') {
        byField.set(field, { flag: earlier.flag, edit: { kind: 'tags', add: [...earlier.edit.add, ...edit.add], remove: [...earlier.edit.remove, ...edit.remove] } })
      } else if (earlier) {
        throw new AppError('validation', `${longFlag(row.flags)}: ${earlier.flag} already changes ${fieldLabel(field)}; give one change per field`)
      } else byField.set(field, { flag: longFlag(row.flags), edit })
    }
  }
  return [...byField.values()].map((entry) => entry.edit)
}

/** The options of the table, for a usage message. */
export const changeFlagNames = (): string => changeFlags.map((row) => longFlag(row.flags)).join(', ')
