/** Horizontal bars in plain SVG: a label, a bar to scale, the count. Sorted by the caller. */
export interface Bar {
  label: string;
  value: number;
  className?: string;
  href?: string;
}

export function BarChart({ bars, title }: { bars: readonly Bar[]; title: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 26;
  const labelWidth = 170;
  const width = 560;
  const barSpace = width - labelWidth - 70;
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${bars.length * row + 4}`}
      role="img"
      aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`}
    >
      {bars.map((b, i) => {
        const y = i * row + 2;
        const w = Math.max(2, (b.value / max) * barSpace);
        return (
          <g key={b.label} transform={`translate(0 ${y})`}>
            <text x={labelWidth - 10} y={row / 2 + 4} textAnchor="end" className="chart-label">
              {b.label}
            </text>
            <rect x={labelWidth} y={4} width={w} height={row - 9} rx={2} className={b.className ?? 'bar'} />
            <text x={labelWidth + w + 8} y={row / 2 + 4} className="chart-value">
              {b.value.toLocaleString('en')}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
