/**
 * The Sandbox numbering plan's available pool: a bounded search within one area code must reach every
 * exchange, hence every rate center, and an NPA-NXX search must find numbers; the owned pool keeps its
 * line-first order, which simulators rely on when they page owned inventories.
 */
import { describe, expect, it } from 'vitest'
import { areaCodes, availableNumberAt, ownedNumberAt, searchAvailable } from '../../src/main/sandbox/kit/numbering'

const seed = 11
const nothingTaken = (): boolean => false
const twoCenterAreas = areaCodes.filter((area) => area.rateCenters.length >= 2)

describe('numbering plan: available pool search', () => {
  it.each(['call48', 'vitcom', 'voip-innovations', 'nexogy'] as const)(
    '%s: every rate center of an NPA with several has numbers for sale',
    (carrier) => {
      expect(twoCenterAreas.length).toBeGreaterThan(5)
      for (const area of twoCenterAreas) {
        for (const center of area.rateCenters) {
          const found = searchAvailable(carrier, seed, { npa: area.npa, rateCenter: center.name }, 5, nothingTaken)
          expect(found, `${area.npa} ${center.name}`).toHaveLength(5)
          expect(found.every((facts) => facts.npa === area.npa && facts.rateCenter === center.name)).toBe(true)
        }
      }
    },
  )

  it('a search of one NPA alone yields several exchanges and both of its rate centers', () => {
    const found = searchAvailable('voip-innovations', seed, { npa: '303' }, 20, nothingTaken)
    expect(found).toHaveLength(20)
    expect(new Set(found.map((facts) => facts.nxx)).size).toBeGreaterThan(10)
    expect(new Set(found.map((facts) => facts.rateCenter))).toEqual(new Set(['DENVER', 'BOULDER']))
  })

  it('an NPA-NXX search finds numbers of that exchange only', () => {
    const [first] = searchAvailable('vitcom', seed, { npa: '617' }, 40, nothingTaken).slice(-1)
    expect(first).toBeDefined()
    const nxx = String(first?.nxx)
    const found = searchAvailable('vitcom', seed, { npa: '617', nxx }, 10, nothingTaken)
    expect(found).toHaveLength(10)
    expect(found.every((facts) => facts.tn.startsWith(`617${nxx}`))).toBe(true)
    expect(new Set(found.map((facts) => facts.tn)).size).toBe(10)
  })

  it('skip pages through a search without repeating numbers', () => {
    const filter = { state: 'FL' }
    const firstPage = searchAvailable('call48', seed, filter, 25, nothingTaken)
    const secondPage = searchAvailable('call48', seed, filter, 25, nothingTaken, 25)
    expect(secondPage).toHaveLength(25)
    const all = [...firstPage, ...secondPage].map((facts) => facts.tn)
    expect(new Set(all).size).toBe(50)
  })
})

describe('numbering plan: pools stay unique and disjoint', () => {
  it('available numbers are unique across many indices and never in an owned exchange', () => {
    const seen = new Set<string>()
    for (let index = 0; index < 60_000; index += 1) {
      const facts = availableNumberAt('voip-innovations', seed, index)
      expect(Number(facts.nxx)).toBeGreaterThanOrEqual(600)
      seen.add(facts.tn)
    }
    expect(seen.size).toBe(60_000)
  })

  it('the owned pool still varies the line first: consecutive indices of one NPA share an exchange', () => {
    const first = ownedNumberAt('voip-innovations', seed, 0)
    const sameArea = ownedNumberAt('voip-innovations', seed, areaCodes.length)
    expect(sameArea.npa).toBe(first.npa)
    expect(sameArea.nxx).toBe(first.nxx)
    expect(Number(first.nxx)).toBeLessThan(600)
    expect(Number(sameArea.tn.slice(6))).toBe((Number(first.tn.slice(6)) + 1) % 10_000)
  })
})
