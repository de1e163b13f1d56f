/**
 * Bad usage as the CLI reports it: always `error [validation]: <option>: <what is wrong>` (exit 2), whether
 * commander found it (unknown command or option, a missing or out-of-choice value) or a schema did. Commander's
 * own wording is rewritten here so every error a script sees has the README's one form.
 */
import type { CommanderError } from 'commander'
import type { z } from 'zod'
import { AppError } from '../lib/app-error'

const validation = (message: string, fields?: Record<string, string>): AppError =>
  new AppError('validation', message, fields ? { fields } : undefined)

/** The long flag inside commander's flags text, e.g. `--carrier` in `-c, --carrier <carrier>`. */
const longFlag = (flags: string): string => /--[\w-]+/.exec(flags)?.[0] ?? flags

/** Commander's "(Did you mean --foo?)" line, folded into the message. */
const suggestion = (message: string): string => {
  const found = /\(Did you mean (.+?)\?\)/.exec(message)
  return found ? ` (did you mean ${found[1]}?)` : ''
}

/** A usage error commander raised, reworded; undefined for help and version, which are not errors. */
export function commanderUsageError(error: CommanderError): AppError | undefined {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return undefined
  // `help()` with exit code 0 was asked for; with 1 it was shown because a command was missing.
  if (error.code === 'commander.help') return error.exitCode === 0 ? undefined : validation('a command is missing; see the usage above')
  const text = error.message
  const quoted = [...text.matchAll(/'([^']*)'/g)].map((match) => match[1] ?? '')
  switch (error.code) {
    case 'commander.invalidArgument': {
      const option = /^error: option '([^']+)' argument '(.*)' is invalid\. ?(.*)$/s.exec(text)
      if (option) return validation(`${longFlag(option[1]!)}: '${option[2]}' is not valid${option[3] ? `. ${option[3]}` : ''}`)
      break
    }
    case 'commander.missingMandatoryOptionValue':
      return validation(`${longFlag(quoted[0] ?? '')}: required, not given`)
    case 'commander.optionMissingArgument':
      return validation(`${longFlag(quoted[0] ?? '')}: needs a value`)
    case 'commander.unknownOption':
      return validation(`${quoted[0] ?? ''}: unknown option${suggestion(text)}`)
    case 'commander.unknownCommand':
      return validation(`unknown command '${quoted[0] ?? ''}'${suggestion(text)}; see carrierdesk --help`)
    case 'commander.missingArgument':
      return validation(`<${quoted[0] ?? ''}>: required argument, not given`)
  }
  return validation(text.replace(/^error: /, '').replace(/\s*\n\s*/g, ' '))
}

/** One validation error from labelled complaints: `label: message; label: message`. */
function labelled(entries: readonly (readonly [label: string, message: string])[]): AppError {
  const fields: Record<string, string> = {}
  for (const [label, message] of entries) fields[label] ??= message
  return validation(
    Object.entries(fields)
      .map(([label, message]) => `${label}: ${message}`)
      .join('; '),
    fields,
  )
}

const issueMessage = (issue: z.ZodError['issues'][number]): string =>
  issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message

/**
 * A schema's complaints about a command's options, each under the option carrying the field: `flags` maps
 * a field (the first segment of an issue's path) to its option, e.g. `{ baseUrl: '--base-url' }`.
 */
export function fieldsError(error: z.ZodError, flags: Readonly<Record<string, string>>): AppError {
  return labelled(
    error.issues.map((issue) => {
      const head = issue.path[0]
      return [(head !== undefined && flags[String(head)]) || issue.path.join('.') || 'input', issueMessage(issue)] as const
    }),
  )
}

/** The core's validation error (fields named as in its input) relabelled with the options, as above. */
export function relabelFields(error: AppError, flags: Readonly<Record<string, string>>): AppError {
  const fields = error.details?.fields
  if (error.code !== 'validation' || typeof fields !== 'object' || fields === null) return error
  return labelled(
    Object.entries(fields as Record<string, unknown>).map(([field, message]) => {
      const head = field.split('.')[0] ?? field
      return [flags[head] ?? field, String(message)] as const
    }),
  )
}

/** A schema's complaints about one option's structured value (JSON), under the option and the path inside. */
export function optionValueError(flag: string, error: z.ZodError): AppError {
  const at = (path: readonly PropertyKey[]): string => (path.length > 0 ? `${flag}: ${path.map(String).join('.')}` : flag)
  return labelled(
    error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => [at([...issue.path, key]), 'unknown key'] as const)
        : [[at(issue.path), issue.message] as const],
    ),
  )
}

/** An option's value as a whole number in [min, max], or a validation error naming the option. */
export function wholeNumberOption(flag: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const number = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`
    throw validation(`${flag}: must be a whole number ${range}`, { [flag]: `must be a whole number ${range}` })
  }
  return number
}
