// Chart export: the numbers a chart holds as CSV (date + one column per series, the exact values,
// shortest round-trip form) and the chart as PNG (lightweight-charts' takeScreenshot).
import type { IChartApi } from 'lightweight-charts';
import { h } from './dom';

export type Cell = string | number | null | undefined;

/** A number as CSV text: shortest round-trip form, '' for no value. */
export function csvNumber(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}

function csvCell(v: Cell): string {
  if (typeof v === 'number' || v === null || v === undefined) return csvNumber(v as number | null | undefined);
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** RFC 4180 CSV with a header line; lines end in \n. Every row must have the header's width. */
export function buildCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const [i, row] of rows.entries()) {
    if (row.length !== header.length) throw new Error(`CSV row ${i + 1} has ${row.length} cells, header has ${header.length}`);
    lines.push(row.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Columns by name on a shared date axis → CSV rows (date first). */
export function columnsToCsv(dates: readonly string[], columns: ReadonlyArray<{ name: string; values: ReadonlyArray<number | null> }>): string {
  for (const c of columns) {
    if (c.values.length !== dates.length) throw new Error(`column ${c.name} has ${c.values.length} values for ${dates.length} dates`);
  }
  return buildCsv(
    ['date', ...columns.map((c) => c.name)],
    dates.map((d, i) => [d, ...columns.map((c) => c.values[i] ?? null)]),
  );
}

/** A file name from free text: letters, digits, dot, dash and underscore only. */
export function safeFileName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '') || 'chart';
}

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadCsv(filename: string, csv: string): void {
  download(new Blob([csv], { type: 'text/csv;charset=utf-8' }), filename);
}

export function downloadChartPng(chart: IChartApi, filename: string): void {
  const canvas = chart.takeScreenshot();
  canvas.toBlob((blob) => {
    if (blob !== null) download(blob, filename);
  }, 'image/png');
}

/** Two small buttons, "CSV" and "PNG", for a chart toolbar. */
export function exportButtons(label: string, onCsv: () => void, onPng: () => void): HTMLElement {
  const csv = h('button', { type: 'button', class: 'button small export-csv', title: `Download the data of ${label} as CSV` }, 'CSV');
  const png = h('button', { type: 'button', class: 'button small export-png', title: `Download ${label} as PNG` }, 'PNG');
  csv.addEventListener('click', onCsv);
  png.addEventListener('click', onPng);
  return h('div', { class: 'export-buttons', role: 'group', 'aria-label': `Export ${label}` }, csv, png);
}
