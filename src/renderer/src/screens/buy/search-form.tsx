/** What to look for when buying: type, then the place (state, rate center, NPA/NXX, prefix, country). */
import { Button, Group, NativeSelect, NumberInput, Select, TextInput } from '@mantine/core'
import { IconPlayerStop, IconSearch } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import type { CountryOffer, NumberType } from '../../../../shared/domain'
import { NumberSearchQuerySchema } from '../../../../shared/ipc-shared'
import { call } from '../../bridge'
import { useOffline } from '../../stores/connectivity'
import { useBuySearchStore, type SearchQuery } from './search-store'

const tollFreePrefixes = ['', '800', '833', '844', '855', '866', '877', '888']

/**
 * The countries (and their cities) the accounts' carriers sell numbers in by city (`numbers.countries`),
 * asked once the technician picks "International"; none when no carrier lists them (type a code then).
 */
function useCountries(wanted: boolean): CountryOffer[] {
  const [countries, setCountries] = useState<CountryOffer[]>([])
  useEffect(() => {
    if (!wanted) return
    let live = true
    call('numbers.countries', {})
      .then((answer) => {
        if (!live) return
        const byCode = new Map<string, CountryOffer>()
        for (const country of answer.accounts.flatMap((account) => account.countries)) {
          const known = byCode.get(country.code)
          byCode.set(country.code, known ? { ...known, cities: [...known.cities, ...country.cities.filter((c) => !known.cities.some((k) => k.id === c.id))] } : country)
        }
        setCountries([...byCode.values()].sort((a, b) => a.name.localeCompare(b.name)))
      })
      // The picker falls back to typing an ISO code.
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [wanted])
  return countries
}

export function SearchForm() {
  const search = useBuySearchStore((state) => state.search)
  const searching = useBuySearchStore((state) => state.searching)
  const stop = useBuySearchStore((state) => state.stop)
  const stopped = useBuySearchStore((state) => state.stopped)
  const offline = useOffline()
  const [type, setType] = useState<NumberType>('local')
  const [state, setState] = useState('')
  const [rateCenter, setRateCenter] = useState('')
  const [npa, setNpa] = useState('')
  const [nxx, setNxx] = useState('')
  const [prefix, setPrefix] = useState('')
  const [country, setCountry] = useState('')
  const [city, setCity] = useState<string | null>(null)
  const countries = useCountries(type === 'international')
  const cities = useMemo(() => countries.find((each) => each.code === country)?.cities ?? [], [countries, country])
  const [limit, setLimit] = useState<number>(20)
  const [error, setError] = useState<string>()

  const submit = (): void => {
    const query: Record<string, unknown> = { type, limit }
    if (type === 'local') {
      if (state.trim()) query.state = state
      if (rateCenter.trim()) query.rateCenter = rateCenter
      if (npa.trim()) query.npa = npa.trim()
      if (nxx.trim()) query.nxx = nxx.trim()
    }
    if (type === 'toll-free' && prefix) query.tollFreePrefix = prefix
    if (type === 'international' && country.trim()) query.country = country
    if (type === 'international' && city) query.city = city
    const parsed = NumberSearchQuerySchema.safeParse(query)
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the search')
      return
    }
    setError(undefined)
    void search(parsed.data as SearchQuery)
  }

  return (
    <form
      aria-label="Search numbers to buy"
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <Group align="flex-end" gap="xs" mb="sm">
        <NativeSelect
          label="Number type"
          size="xs"
          value={type}
          onChange={(event) => setType(event.currentTarget.value as NumberType)}
          data={[
            { value: 'local', label: 'Local' },
            { value: 'toll-free', label: 'Toll-free' },
            { value: 'international', label: 'International' },
          ]}
        />
        {type === 'local' && (
          <>
            <TextInput label="State" size="xs" w={70} maxLength={2} value={state} onChange={(e) => setState(e.currentTarget.value.toUpperCase())} />
            <TextInput label="Rate center" size="xs" w={150} value={rateCenter} onChange={(e) => setRateCenter(e.currentTarget.value)} />
            <TextInput label="NPA" size="xs" w={70} maxLength={3} value={npa} onChange={(e) => setNpa(e.currentTarget.value)} />
            <TextInput label="NXX" size="xs" w={70} maxLength={3} value={nxx} onChange={(e) => setNxx(e.currentTarget.value)} />
          </>
        )}
        {type === 'toll-free' && (
          <NativeSelect
            label="Toll-free prefix"
            size="xs"
            value={prefix}
            onChange={(e) => setPrefix(e.currentTarget.value)}
            data={tollFreePrefixes.map((value) => ({ value, label: value || 'Any' }))}
          />
        )}
        {type === 'international' &&
          (countries.length > 0 ? (
            <>
              <Select
                label="Country"
                size="xs"
                w={180}
                searchable
                value={country || null}
                onChange={(value) => {
                  setCountry(value ?? '')
                  setCity(null)
                }}
                data={countries.map((each) => ({ value: each.code, label: `${each.name} (${each.code})` }))}
              />
              <Select
                label="City"
                description={country ? undefined : 'Choose a country first'}
                size="xs"
                w={170}
                searchable
                clearable
                placeholder="Every city"
                disabled={cities.length === 0}
                value={city}
                onChange={setCity}
                data={cities.map((each) => ({ value: each.id, label: each.name }))}
              />
            </>
          ) : (
            <TextInput label="Country" description="ISO code, e.g. GB" size="xs" w={90} maxLength={2} value={country} onChange={(e) => setCountry(e.currentTarget.value.toUpperCase())} />
          ))}
        <NumberInput label="How many" size="xs" w={90} min={1} max={500} value={limit} onChange={(value) => setLimit(typeof value === 'number' ? value : 20)} />
        <Button type="submit" size="xs" leftSection={<IconSearch size={14} />} loading={searching} disabled={offline}>
          Search
        </Button>
        {searching && (
          <Button size="xs" variant="default" leftSection={<IconPlayerStop size={14} />} onClick={stop}>
            Stop search
          </Button>
        )}
      </Group>
      {stopped && !searching && (
        <Group mb="xs">
          <span role="status" style={{ fontSize: 13 }}>
            Search stopped; nothing was bought or held.
          </span>
        </Group>
      )}
      {error && (
        <Group mb="xs">
          <span role="alert" style={{ color: 'var(--mantine-color-red-text)', fontSize: 13 }}>
            {error}
          </span>
        </Group>
      )}
    </form>
  )
}
