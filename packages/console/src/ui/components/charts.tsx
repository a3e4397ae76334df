/** One bar of a {@link BarChart}. */
export interface Bar {
  label: string;
  value: number;
  /** CSS class for the bar's colour. */
  tone?: string;
}

/** Horizontal bars with their values, as inline SVG. */
export function BarChart({ bars, title }: { bars: readonly Bar[]; title: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 26;
  const width = 420;
  const labelWidth = 130;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${bars.length * row + 4}`}
      role="img"
      aria-label={title}
    >
      <title>{title}</title>
      {bars.map((bar, i) => {
        const w = ((width - labelWidth - 60) * bar.value) / max;
        return (
          <g key={bar.label} transform={`translate(0 ${i * row + 2})`}>
            <text x={labelWidth - 8} y={row / 2 + 4} text-anchor="end" class="chart-label">
              {bar.label}
            </text>
            <rect
              x={labelWidth}
              y={3}
              width={Math.max(w, bar.value > 0 ? 2 : 0)}
              height={row - 8}
              rx={3}
              class={bar.tone ?? 'bar'}
            />
            <text x={labelWidth + w + 6} y={row / 2 + 4} class="chart-value">
              {bar.value.toLocaleString()}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Columns over time with a second series drawn over them, as inline SVG. */
export function ColumnChart({
  columns,
  title,
}: {
  columns: readonly { label: string; value: number; overlay: number }[];
  title: string;
}) {
  const max = Math.max(1, ...columns.map((c) => c.value));
  const width = 600;
  const height = 140;
  const step = width / Math.max(1, columns.length);
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-label={title}>
      <title>{title}</title>
      <line x1={0} y1={height} x2={width} y2={height} class="axis" />
      {columns.map((c, i) => {
        const h = (height - 10) * (c.value / max);
        const o = (height - 10) * (c.overlay / max);
        return (
          <g key={c.label}>
            <rect x={i * step + 1} y={height - h} width={step - 2} height={h} class="bar">
              <title>{`${c.label}: ${c.value} created, ${c.overlay} failed`}</title>
            </rect>
            {o > 0 && (
              <rect
                x={i * step + 1}
                y={height - o}
                width={step - 2}
                height={o}
                class="bar-failed"
              />
            )}
          </g>
        );
      })}
      <text x={0} y={height + 16} class="chart-label">
        {columns[0]?.label}
      </text>
      <text x={width} y={height + 16} text-anchor="end" class="chart-label">
        {columns.at(-1)?.label}
      </text>
      <text x={4} y={12} class="chart-value">
        max {max}/min
      </text>
    </svg>
  );
}
