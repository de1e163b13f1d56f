/**
 * Deterministic randomness for the Sandbox: the same seed always yields the same data, and any record can
 * be derived from its index alone, which is what lets a million-number inventory cost no memory.
 */

/** A 32-bit integer hash of several integers (murmur3 finaliser over a running mix). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    h ^= h >>> 16
  }
  return h >>> 0
}

/** A uniform float in [0, 1) derived from the given integers. */
export function unit(...parts: number[]): number {
  return hash32(...parts) / 0x1_0000_0000
}

/** Picks an element deterministically from the given integers. */
export function pick<T>(items: readonly T[], ...parts: number[]): T {
  if (items.length === 0) throw new Error('pick from an empty list')
  return items[hash32(...parts) % items.length] as T
}

/** A small seeded PRNG (mulberry32) for sequential draws, e.g. fault decisions. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000
  }
}

/** A hash of a string, for seeding from names (account numbers, user names). */
export function hashString(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return h >>> 0
}
