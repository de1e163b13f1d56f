/** Tiny SVG charts for screen summaries (no chart library): labelled horizontal bars, and columns by day. */
import { formatCount } from '../format'

export interface ChartBar {
  key: string
  label: string
  value: number
  color?: string | undefined
}

const barHeight = 12

export function HorizontalBarChart({ bars, label, width = 220, labelWidth = 90, onSelect }: { bars: ChartBar[]; label: string; width?: number; labelWidth?: number; onSelect?: (key: string) => void }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value))
  const height = bars.length * (barHeight + 4)
  return (
    <svg width={width + labelWidth + 50} height={height} role="img" aria-label={label}>
      {bars.map((bar, index) => {
        const y = index * (barHeight + 4)
        const length = Math.max(1, (bar.value / max) * width)
        return (
          <g key={bar.key} onClick={onSelect ? () => onSelect(bar.key) : undefined} style={onSelect ? { cursor: 'pointer' } : undefined}>
            <title>{`${bar.label}: ${formatCount(bar.value)}`}</title>
            <text x={0} y={y + barHeight - 2} fontSize={11} fill="var(--mantine-color-dimmed)">
              {bar.label}
            </text>
            <rect x={labelWidth} y={y} height={barHeight} rx={2} width={length} fill={bar.color ?? 'var(--mantine-color-blue-filled)'} opacity={bar.value ? 0.85 : 0.2} />
            <text x={labelWidth + length + 4} y={y + barHeight - 2} fontSize={11} fill="var(--mantine-color-text)">
              {formatCount(bar.value)}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

/** Vertical columns, e.g. calls per day; labels under the first and last column only, to stay legible. */
export function ColumnChart({ bars, label, height = 70, columnWidth = 14 }: { bars: ChartBar[]; label: string; height?: number; columnWidth?: number }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value))
  const gap = 3
  const width = Math.max(1, bars.length * (columnWidth + gap))
  const axis = 14
  const first = bars[0]
  const last = bars[bars.length - 1]
  return (
    <svg width={Math.max(width, 160)} height={height + axis} role="img" aria-label={label}>
      {bars.map((bar, index) => {
        const h = Math.max(1, (bar.value / max) * (height - 12))
        const x = index * (columnWidth + gap)
        return (
          <g key={bar.key}>
            <title>{`${bar.label}: ${formatCount(bar.value)}`}</title>
            <rect x={x} y={height - h} width={columnWidth} height={h} rx={2} fill={bar.color ?? 'var(--mantine-color-blue-filled)'} opacity={0.85} />
          </g>
        )
      })}
      {first && (
        <text x={0} y={height + axis - 2} fontSize={10} fill="var(--mantine-color-dimmed)">
          {first.label}
        </text>
      )}
      {last && last !== first && (
        <text x={width - gap} y={height + axis - 2} fontSize={10} textAnchor="end" fill="var(--mantine-color-dimmed)">
          {last.label}
        </text>
      )}
    </svg>
  )
}
