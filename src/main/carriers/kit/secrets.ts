/**
 * Secret-looking fields taken out of carrier records before they are kept (`raw`) or handed out.
 *
 * A sync strips hundreds of thousands of records that share a few dozen field names, so each name's
 * verdict is remembered (the pattern runs once per name, not once per field), an object with nothing to
 * take out is kept as it is instead of copied (one that has is copied in one spread), and a record this
 * stripper already answered is known again and not walked twice (a client strips what it hands out; the
 * adapter's mapping strips again whatever it is given, which is then free).
 */

/** At most this many field names remembered per stripper: a carrier inventing names cannot grow memory. */
const rememberedNames = 4096

/**
 * A secret field comes back as undefined (its value gone, its name kept), which JSON and every other
 * serialisation leave out.
 */
export interface SecretStripper {
  /** The value without secret-looking fields at any depth (below `maxDepth`, nothing is kept). */
  deep<T>(value: T): T
  /** The record without secret-looking fields of its own (nested values are kept as they are). */
  shallow(record: Record<string, unknown>): Record<string, unknown>
}

export function secretStripper(pattern: RegExp, maxDepth = 10): SecretStripper {
  const verdicts = new Map<string, boolean>()
  const isSecret = (name: string): boolean => {
    const known = verdicts.get(name)
    if (known !== undefined) return known
    const secret = pattern.test(name)
    if (verdicts.size < rememberedNames) verdicts.set(name, secret)
    return secret
  }
  /** Objects this stripper answered (deep answers only: shallow ones may still hold nested secrets). */
  const clean = new WeakSet<object>()

  // An object is copied only when something in it changes: one spread (V8 clones it in one step, far
  // cheaper than adding fields one by one), then the secret fields are set to undefined, which every
  // serialisation (JSON, the store's raw) leaves out, and the changed branches are put in.
  const strip = (value: unknown, depth: number): unknown => {
    if (depth > maxDepth) return undefined
    if (value === null || typeof value !== 'object') return value
    if (Array.isArray(value)) {
      let out: unknown[] | undefined
      for (let i = 0; i < value.length; i += 1) {
        const item: unknown = value[i]
        const stripped = strip(item, depth + 1)
        if (stripped !== item) (out ??= value.slice())[i] = stripped
      }
      return out ?? value
    }
    const record = value as Record<string, unknown>
    // Below the depth limit nothing is kept, as for the items of an array.
    const last = depth + 1 > maxDepth
    let out: Record<string, unknown> | undefined
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue
      const item = record[key]
      let stripped: unknown
      if (last || isSecret(key)) stripped = undefined
      else if (item === null || typeof item !== 'object') continue
      else stripped = strip(item, depth + 1)
      if (stripped !== item) define((out ??= { ...record }), key, stripped)
    }
    return out ?? record
  }

  return {
    deep<T>(value: T): T {
      if (value !== null && typeof value === 'object' && clean.has(value)) return value
      const stripped = strip(value, 0)
      if (stripped !== null && typeof stripped === 'object') clean.add(stripped)
      return stripped as T
    },
    shallow(record) {
      let out: Record<string, unknown> | undefined
      for (const key in record) {
        if (Object.hasOwn(record, key) && isSecret(key) && record[key] !== undefined) define((out ??= { ...record }), key, undefined)
      }
      return out ?? record
    },
  }
}

/** An own, enumerable property, even for a field named `__proto__` (plain assignment would set the prototype). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}
