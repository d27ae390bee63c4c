// A small accessible bar chart (SVG): the figures are also in the table the chart sits above, so the chart is
// decoration for screen readers and gets a text summary as its label.

export interface Bar {
  label: string;
  value: number;
  /** A second, overlaid value (e.g. inserted out of drafted). */
  part?: number;
}

export function BarChart({ bars, label, testId }: { bars: Bar[]; label: string; testId: string }) {
  const width = Math.max(240, bars.length * 28);
  const height = 140;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = width / Math.max(1, bars.length);
  const barWidth = Math.max(4, slot * 0.7);
  const top = 8;
  const plot = height - 28 - top;
  return (
    <figure className="chart" data-testid={testId}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} preserveAspectRatio="none">
        {bars.map((bar, i) => {
          const h = (bar.value / max) * plot;
          const ph = bar.part !== undefined ? (bar.part / max) * plot : 0;
          const x = i * slot + (slot - barWidth) / 2;
          return (
            <g key={bar.label} data-value={bar.value}>
              <rect className="bar" x={x} y={top + plot - h} width={barWidth} height={h} />
              {bar.part !== undefined && (
                <rect className="bar-part" x={x} y={top + plot - ph} width={barWidth} height={ph} />
              )}
              {(bars.length <= 14 || i % Math.ceil(bars.length / 14) === 0) && (
                <text className="bar-label" x={i * slot + slot / 2} y={height - 10} textAnchor="middle">
                  {bar.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}
