// CSV and PNG export of an ECharts chart's data (named apart from components/export.ts).
// CSV cells hold the numbers exactly as served: String(x) is the shortest text that reads back as
// the same double; missing values are empty cells.
import { h } from './dom';

export type Cell = string | number | null | undefined;

function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
  return /[",\n\r]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c;
}

/** RFC 4180 text: a header line, then one line per row, "\n" line ends, trailing newline. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const lines = [header.map(cellText).join(',')];
  for (const row of rows) lines.push(row.map(cellText).join(','));
  return `${lines.join('\n')}\n`;
}

/** A file name from a title: lower case, [a-z0-9-] only. */
export function fileName(title: string, ext: string): string {
  const stem = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'chart';
  return `${stem}.${ext}`;
}

function download(name: string, href: string): void {
  const a = h('a', { href, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
}

export function downloadCsv(name: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  download(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface DataUrlSource {
  getDataURL(opts: { type: 'png'; pixelRatio: number; backgroundColor: string }): string;
}

export function downloadPng(name: string, chart: DataUrlSource, background: string): void {
  download(name, chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background }));
}

/** CSV and PNG buttons for one chart; `csv` and `chart` are read at click time. */
export function exportButtons(
  title: string,
  csv: () => { header: string[]; rows: Cell[][] } | null,
  chart: () => DataUrlSource | null,
  background: () => string,
): HTMLElement {
  const id = fileName(title, 'x').slice(0, -2);
  const csvButton = h('button', { type: 'button', class: 'export-button', 'data-export': `${id}-csv`, title: `Download ${title} as CSV` }, 'CSV');
  const pngButton = h('button', { type: 'button', class: 'export-button', 'data-export': `${id}-png`, title: `Download ${title} as PNG` }, 'PNG');
  csvButton.addEventListener('click', () => {
    const table = csv();
    if (table !== null) downloadCsv(fileName(title, 'csv'), toCsv(table.header, table.rows));
  });
  pngButton.addEventListener('click', () => {
    const c = chart();
    if (c !== null) downloadPng(fileName(title, 'png'), c, background());
  });
  return h('div', { class: 'export-buttons', role: 'group', 'aria-label': `Export ${title}` }, csvButton, pngButton);
}
