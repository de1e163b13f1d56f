/** The CDR screen's range and filters (cdr-query-store.ts): presets or custom days, and every filter the core takes. */
import { Button, Group, MultiSelect, Select, TextInput } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import { cdrDispositions, type CdrDirection, type CdrDisposition } from '../../../../shared/cdrs'
import { useAccountsStore } from '../../stores/accounts'
import { useCarriersStore } from '../../stores/carriers'
import { localZone, rangePresets, useCdrQueryStore, type RangePreset } from './cdr-query-store'

export function CdrQueryBar({ problem }: { problem?: string | undefined }) {
  const form = useCdrQueryStore((state) => state.form)
  const set = useCdrQueryStore((state) => state.set)
  const refresh = useCdrQueryStore((state) => state.refresh)
  const reset = useCdrQueryStore((state) => state.reset)
  const accounts = useAccountsStore((state) => state.accounts)
  const carriers = useCarriersStore((state) => state.carriers)
  return (
    <Group gap="xs" align="flex-end" role="search" aria-label="Call record filters">
      <Select
        label={`Range (${localZone()})`}
        size="xs"
        w={140}
        allowDeselect={false}
        data={rangePresets.map((preset) => ({ value: preset.value, label: preset.label }))}
        value={form.preset}
        onChange={(value) => value && set({ preset: value as RangePreset })}
      />
      {form.preset === 'custom' && (
        <>
          <TextInput label="From day" type="date" size="xs" w={140} value={form.fromDay} onChange={(event) => set({ fromDay: event.currentTarget.value })} />
          <TextInput label="To day" type="date" size="xs" w={140} value={form.toDay} onChange={(event) => set({ toDay: event.currentTarget.value })} />
        </>
      )}
      <Select
        label="Account"
        placeholder="All accounts"
        size="xs"
        w={170}
        clearable
        data={accounts.map((account) => ({ value: account.id, label: account.name }))}
        value={form.accountId ?? null}
        onChange={(value) => set({ accountId: value ?? undefined })}
      />
      <Select
        label="Carrier"
        placeholder="All carriers"
        size="xs"
        w={140}
        clearable
        data={carriers.map((carrier) => ({ value: carrier.id, label: carrier.name }))}
        value={form.carrier ?? null}
        onChange={(value) => set({ carrier: value ?? undefined })}
      />
      <Select
        label="Direction"
        placeholder="Both"
        size="xs"
        w={130}
        clearable
        data={[
          { value: 'origination', label: 'Origination (in)' },
          { value: 'termination', label: 'Termination (out)' },
        ]}
        value={form.direction ?? null}
        onChange={(value) => set({ direction: (value ?? undefined) as CdrDirection | undefined })}
      />
      <MultiSelect
        label="Disposition"
        placeholder={form.dispositions.length === 0 ? 'Any' : undefined}
        size="xs"
        w={200}
        clearable
        data={cdrDispositions.map((value) => ({ value, label: value }))}
        value={form.dispositions}
        onChange={(value) => set({ dispositions: value as CdrDisposition[] })}
      />
      <TextInput label="Our number" placeholder="+13055550100" size="xs" w={140} value={form.ourNumber} onChange={(event) => set({ ourNumber: event.currentTarget.value })} />
      <TextInput label="Other party" placeholder="digits" size="xs" w={110} value={form.otherParty} onChange={(event) => set({ otherParty: event.currentTarget.value })} />
      <TextInput label="Trunk" size="xs" w={90} value={form.trunk} onChange={(event) => set({ trunk: event.currentTarget.value })} />
      <TextInput label="Min billed (s)" size="xs" w={100} inputMode="numeric" value={form.minDuration} onChange={(event) => set({ minDuration: event.currentTarget.value })} />
      <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={refresh}>
        Refresh
      </Button>
      <Button size="xs" variant="subtle" onClick={reset}>
        Clear filters
      </Button>
      {problem && (
        <span role="alert" style={{ color: 'var(--mantine-color-red-7)', fontSize: 12 }}>
          {problem}
        </span>
      )}
    </Group>
  )
}
