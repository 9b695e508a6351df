import { escapeHtml } from './html';

export interface ChartSeries {
  name: string;
  color: string;
  /** One value per point, oldest first. */
  values: number[];
}

export interface ChartOptions {
  title: string;
  /** What the values are, shown beside the largest one ("messages", "per second"). */
  unit: string;
  /** Seconds the chart spans, for the label under it. */
  spanSeconds: number;
  width?: number;
  height?: number;
}

const PAD = { left: 44, right: 8, top: 8, bottom: 20 };

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** A line chart as inline SVG (no script, no external file), with a legend. */
export function renderLineChart(series: ChartSeries[], options: ChartOptions): string {
  const width = options.width ?? 560;
  const height = options.height ?? 160;
  const points = Math.max(0, ...series.map((line) => line.values.length));
  const max = Math.max(1, ...series.flatMap((line) => line.values));
  const innerWidth = width - PAD.left - PAD.right;
  const innerHeight = height - PAD.top - PAD.bottom;
  const x = (index: number) => PAD.left + (points <= 1 ? innerWidth : (index / (points - 1)) * innerWidth);
  const y = (value: number) => PAD.top + innerHeight - (value / max) * innerHeight;
  const lines = series
    .filter((line) => line.values.length > 0)
    .map((line) => {
      const path = line.values
        .map((value, index) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`)
        .join(' ');
      return `<polyline fill="none" stroke="${escapeHtml(line.color)}" stroke-width="2" points="${path}"><title>${escapeHtml(line.name)}</title></polyline>`;
    })
    .join('');
  const minutes = Math.max(1, Math.round(options.spanSeconds / 60));
  const legend = series
    .map((line) => {
      const last = line.values.at(-1) ?? 0;
      return `<span class="legend"><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${escapeHtml(line.color)}"/></svg> ${escapeHtml(line.name)} ${escapeHtml(formatNumber(last))}</span>`;
    })
    .join(' ');
  return `<figure class="chart"><figcaption>${escapeHtml(options.title)}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(options.title)}">
<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${height - PAD.bottom}" stroke="#999"/>
<line x1="${PAD.left}" y1="${height - PAD.bottom}" x2="${width - PAD.right}" y2="${height - PAD.bottom}" stroke="#999"/>
<text x="${PAD.left - 4}" y="${PAD.top + 10}" text-anchor="end" font-size="11">${escapeHtml(formatNumber(max))}</text>
<text x="${PAD.left - 4}" y="${height - PAD.bottom}" text-anchor="end" font-size="11">0</text>
<text x="${PAD.left}" y="${height - 4}" font-size="11">${points > 1 ? `−${minutes} min` : 'collecting samples…'}</text>
<text x="${width - PAD.right}" y="${height - 4}" text-anchor="end" font-size="11">now (${escapeHtml(options.unit)})</text>
${lines}</svg>
<div>${legend}</div></figure>`;
}
