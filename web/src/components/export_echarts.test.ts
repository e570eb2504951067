import { describe, expect, it } from 'vitest';
import { fileName, toCsv } from './export_echarts';

describe('toCsv', () => {
  it('writes exact numbers, blanks for missing and quotes text that needs it', () => {
    const csv = toCsv(['date', 'A,B', 'x'], [
      ['2020-01-02', 0.1 + 0.2, null],
      ['2020-01-03', Number.NaN, -1e-17],
      ['say "hi"', undefined, 12345678901234567],
    ]);
    expect(csv).toBe('date,"A,B",x\n2020-01-02,0.30000000000000004,\n2020-01-03,,-1e-17\n"say ""hi""",,12345678901234568\n');
    // Every number reads back as the same double.
    const back = Number(csv.split('\n')[1]?.split(',')[1]);
    expect(back).toBe(0.1 + 0.2);
  });
  it('has a header line only for no rows', () => {
    expect(toCsv(['a'], [])).toBe('a\n');
  });
});

describe('fileName', () => {
  it('slugs titles', () => {
    expect(fileName('Correlation (pearson)', 'csv')).toBe('correlation-pearson.csv');
    expect(fileName('***', 'png')).toBe('chart.png');
  });
});
