/**
 * What an IPC input may be made of, checked before its schema sees it: JSON-like data only. Electron's
 * structured clone (and a direct caller of the dispatcher) can deliver a Map, Set, Date, RegExp, BigInt,
 * typed array, a class instance or a cycle, and zod takes any non-null object for an object, so
 * `sync.start(new Map())` would parse as `{}`. Accepted, at any depth:
 * - strings, finite or not numbers (the schema judges them), booleans, null, undefined;
 * - arrays whose prototype is Array.prototype;
 * - objects whose prototype is Object.prototype or null (a null-prototype object is still plain data), with
 *   string keys and data properties only (no getters, which would run code while being read), and none of
 *   the keys `__proto__`, `constructor`, `prototype` (prototype-pollution attempts, never real input);
 * - at most `maxDepth` levels deep and `maxNodes` values in all, no value inside itself.
 * The check never runs code of the input: it reads property descriptors, not properties.
 */

export interface PlainInputProblem {
  /** Dotted path of the offending value ('' for the input itself). */
  path: string
  message: string
}

export interface PlainInputLimits {
  maxDepth: number
  maxNodes: number
}

const defaultLimits: PlainInputLimits = { maxDepth: 32, maxNodes: 200_000 }
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype'])

function kindOf(value: object): string {
  if (value instanceof Map) return 'a Map'
  if (value instanceof Set) return 'a Set'
  if (value instanceof Date) return 'a Date'
  if (value instanceof RegExp) return 'a RegExp'
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return 'binary data'
  return 'an object that is not plain data'
}

/** The first reason `value` is not plain data, or undefined when it is. */
export function plainInputProblem(value: unknown, limits: PlainInputLimits = defaultLimits): PlainInputProblem | undefined {
  let nodes = 0
  const ancestors = new Set<object>()

  const visit = (current: unknown, path: string[], depth: number): PlainInputProblem | undefined => {
    const at = (message: string): PlainInputProblem => ({ path: path.join('.'), message })
    nodes += 1
    if (nodes > limits.maxNodes) return at(`Input is too large (more than ${limits.maxNodes} values)`)
    switch (typeof current) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'undefined':
        return undefined
      case 'bigint':
        return at('Expected plain data, received a BigInt')
      case 'symbol':
        return at('Expected plain data, received a symbol')
      case 'function':
        return at('Expected plain data, received a function')
    }
    if (current === null) return undefined
    const object = current as object
    if (depth >= limits.maxDepth) return at(`Input is nested too deeply (more than ${limits.maxDepth} levels)`)
    if (ancestors.has(object)) return at('Input contains itself (a cycle)')
    const prototype = Object.getPrototypeOf(object) as unknown
    const isArray = Array.isArray(object)
    if (isArray ? prototype !== Array.prototype : prototype !== Object.prototype && prototype !== null) {
      return at(`Expected plain data, received ${kindOf(object)}`)
    }
    ancestors.add(object)
    try {
      if (isArray) {
        const length = (object as unknown[]).length
        if (length > limits.maxNodes - nodes) return at(`Input is too large (more than ${limits.maxNodes} values)`)
        for (let i = 0; i < length; i += 1) {
          const descriptor = Object.getOwnPropertyDescriptor(object, i)
          if (descriptor && !('value' in descriptor)) return { path: [...path, String(i)].join('.'), message: 'Expected plain data, received a getter' }
          const problem = visit(descriptor?.value, [...path, String(i)], depth + 1)
          if (problem) return problem
        }
        return undefined
      }
      for (const key of Reflect.ownKeys(object)) {
        if (typeof key === 'symbol') return at('Expected plain data, received a symbol key')
        if (forbiddenKeys.has(key)) return { path: [...path, key].join('.'), message: `The key "${key}" is not allowed` }
        const descriptor = Object.getOwnPropertyDescriptor(object, key)
        if (!descriptor) continue
        if (!('value' in descriptor)) return { path: [...path, key].join('.'), message: 'Expected plain data, received a getter' }
        const problem = visit(descriptor.value, [...path, key], depth + 1)
        if (problem) return problem
      }
      return undefined
    } finally {
      ancestors.delete(object)
    }
  }

  return visit(value, [], 0)
}
