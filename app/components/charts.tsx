/**
 * Small server-rendered SVG charts. Each SVG is one image named by a visible
 * heading (`titleId`); the numbers themselves live in a data table next to it,
 * which is what screen readers and keyboard users read. Colours are set by
 * classes in app.css.
 */

const WIDTH = 400;
const LABEL_SIZE = 13;
const SMALL_SIZE = 12;
/** Rough advance of one character, as a share of the font size. */
const CHAR_WIDTH = 0.56;

function fitText(text: string, width: number, fontSize: number): string {
  const max = Math.max(4, Math.floor(width / (fontSize * CHAR_WIDTH)));
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * CHAR_WIDTH;
}

export type BarDatum = {
  key: string;
  label: string;
  value: number;
  /** The value as shown, e.g. "1.234" or "1.234 (45%)". */
  display: string;
  /** An optional third table column, e.g. a share. */
  extra?: string;
  testId?: string;
};

type TableText = {
  dataTable: string;
  labelHeader: string;
  valueHeader: string;
  extraHeader?: string;
};

/** Horizontal bars, one per row: the label and value on a line, the bar under it. */
export function BarChart({ titleId, data, text }: { titleId: string; data: BarDatum[]; text: TableText }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const rowHeight = 44;
  const barHeight = 14;
  const height = Math.max(1, data.length * rowHeight - 8);
  return (
    <div className="chart">
      <svg
        className="chart__svg"
        role="img"
        aria-labelledby={titleId}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        {data.map((d, i) => {
          const y = i * rowHeight;
          const value = d.extra ? `${d.display} · ${d.extra}` : d.display;
          const valueWidth = textWidth(value, LABEL_SIZE);
          const label = fitText(d.label, WIDTH - valueWidth - 12, LABEL_SIZE);
          const barWidth = d.value > 0 ? Math.max(2, (d.value / max) * WIDTH) : 0;
          return (
            <g key={d.key}>
              <text className="chart__label" x={0} y={y + LABEL_SIZE} fontSize={LABEL_SIZE}>
                {label !== d.label ? <title>{d.label}</title> : null}
                {label}
              </text>
              <text className="chart__value" x={WIDTH} y={y + LABEL_SIZE} fontSize={LABEL_SIZE} textAnchor="end">
                {value}
              </text>
              <rect className="chart__track" x={0} y={y + 20} width={WIDTH} height={barHeight} rx={3} />
              <rect className="chart__bar" x={0} y={y + 20} width={barWidth} height={barHeight} rx={3} />
            </g>
          );
        })}
      </svg>
      <DataTable
        titleId={titleId}
        text={text.dataTable}
        headers={[text.labelHeader, text.valueHeader, ...(text.extraHeader ? [text.extraHeader] : [])]}
        rows={data.map((d) => ({
          key: d.key,
          testId: d.testId,
          label: d.label,
          cells: [d.display, ...(text.extraHeader ? [d.extra ?? ""] : [])],
        }))}
      />
    </div>
  );
}

export type ColumnSeries = { key: string; name: string; values: number[] };

/** Up to ~20 categories (years) with one or two series of columns, a legend and a value axis. */
export function ColumnChart({
  id,
  titleId,
  categories,
  series,
  format,
  text,
  rowTestId,
}: {
  /** Unique on the page; names the hatch pattern. */
  id: string;
  titleId: string;
  categories: string[];
  series: ColumnSeries[];
  format: (value: number) => string;
  text: { dataTable: string; categoryHeader: string };
  rowTestId?: (category: string) => string;
}) {
  // The legend takes one line, or one line per series when that is too wide.
  const legendWidths = series.map((s) => 20 + textWidth(s.name, SMALL_SIZE) + 16);
  const legendInline = legendWidths.reduce((sum, w) => sum + w, 0) <= WIDTH;
  const legend = series.map((s, index) => ({
    ...s,
    index,
    x: legendInline ? legendWidths.slice(0, index).reduce((sum, w) => sum + w, 0) : 0,
    y: legendInline ? 4 : 4 + index * 20,
  }));
  const top = (legendInline ? 1 : series.length) * 20 + 16;
  const plotHeight = 186;
  const bottom = 24;
  const height = top + plotHeight + bottom;
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const ticks = niceTicks(max);
  const scaleMax = ticks[ticks.length - 1] || 1;
  const left = Math.max(24, ...ticks.map((tick) => textWidth(format(tick), SMALL_SIZE))) + 6;
  const plotWidth = WIDTH - left - 4;
  const slot = plotWidth / Math.max(1, categories.length);
  const groupWidth = slot * 0.76;
  const columnWidth = groupWidth / Math.max(1, series.length);
  // Thin out year labels that would otherwise collide.
  const labelEvery = Math.max(1, Math.ceil((textWidth("0000", SMALL_SIZE) + 6) / slot));
  const y = (value: number) => top + plotHeight - (value / scaleMax) * plotHeight;
  const hatchId = `${id}-hatch`;
  const fillOf = (index: number) => (index % 2 === 1 ? `url(#${hatchId})` : undefined);

  return (
    <div className="chart">
      <svg
        className="chart__svg"
        role="img"
        aria-labelledby={titleId}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <defs>
          <pattern id={hatchId} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect className="chart__hatch-ground" width={6} height={6} />
            <rect className="chart__hatch-line" width={3} height={6} />
          </pattern>
        </defs>
        {legend.map(({ key, name, index, x, y: legendY }) => (
          <g key={key}>
            <rect
              className={`chart__column chart__column--${index % 2 === 0 ? "solid" : "hatched"}`}
              x={x}
              y={legendY}
              width={14}
              height={14}
              fill={fillOf(index)}
            />
            <text className="chart__label" x={x + 20} y={legendY + 12} fontSize={SMALL_SIZE}>
              {name}
            </text>
          </g>
        ))}
        {ticks.map((tick) => (
          <g key={tick}>
            <line className="chart__grid" x1={left} x2={WIDTH} y1={y(tick)} y2={y(tick)} />
            <text className="chart__axis" x={left - 6} y={y(tick) + 4} fontSize={SMALL_SIZE} textAnchor="end">
              {format(tick)}
            </text>
          </g>
        ))}
        {categories.map((category, i) => {
          const groupX = left + i * slot + (slot - groupWidth) / 2;
          return (
            <g key={category}>
              {series.map((s, index) => {
                const value = s.values[i] ?? 0;
                const columnHeight = top + plotHeight - y(value);
                return (
                  <rect
                    key={s.key}
                    className={`chart__column chart__column--${index % 2 === 0 ? "solid" : "hatched"}`}
                    x={groupX + index * columnWidth + 0.5}
                    y={y(value)}
                    width={Math.max(1, columnWidth - 1)}
                    height={value > 0 ? Math.max(1, columnHeight) : 0}
                    fill={fillOf(index)}
                  >
                    <title>{`${category} · ${s.name}: ${format(value)}`}</title>
                  </rect>
                );
              })}
              {i % labelEvery === 0 ? (
                <text
                  className="chart__axis"
                  x={left + i * slot + slot / 2}
                  y={height - 6}
                  fontSize={SMALL_SIZE}
                  textAnchor="middle"
                >
                  {category}
                </text>
              ) : null}
            </g>
          );
        })}
        <line className="chart__baseline" x1={left} x2={WIDTH} y1={top + plotHeight} y2={top + plotHeight} />
      </svg>
      <DataTable
        titleId={titleId}
        text={text.dataTable}
        headers={[text.categoryHeader, ...series.map((s) => s.name)]}
        rows={categories.map((category, i) => ({
          key: category,
          testId: rowTestId?.(category),
          label: category,
          cells: series.map((s) => format(s.values[i] ?? 0)),
        }))}
      />
    </div>
  );
}

/** 0 and 3–5 evenly spaced round values covering `max`. */
export function niceTicks(max: number): number[] {
  if (max <= 0) return [0];
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? magnitude * 10);
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step; tick += step) {
    ticks.push(Math.round(tick));
    if (tick >= max) break;
  }
  return ticks;
}

function DataTable({
  titleId,
  text,
  headers,
  rows,
}: {
  titleId: string;
  text: string;
  headers: string[];
  rows: Array<{ key: string; testId: string | undefined; label: string; cells: string[] }>;
}) {
  return (
    <details className="chart__data">
      <summary>{text}</summary>
      <table className="chart-table" aria-labelledby={titleId}>
        <thead>
          <tr>
            {headers.map((header, i) => (
              <th key={header} scope="col" className={i > 0 ? "numeric" : undefined}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid={row.testId}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, i) => (
                <td key={i} className="numeric">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
