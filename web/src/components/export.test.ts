import { describe, expect, it } from 'vitest';
import { buildCsv, columnsToCsv, csvNumber, safeFileName } from './export';

describe('CSV export', () => {
  it('writes numbers in shortest round-trip form and blanks for no value', () => {
    expect(csvNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(Number(csvNumber(60.64840772158855))).toBe(60.64840772158855);
    expect(csvNumber(null)).toBe('');
    expect(csvNumber(Number.NaN)).toBe('');
    expect(csvNumber(1e-7)).toBe('1e-7');
  });
  it('builds date + one column per series', () => {
    const csv = columnsToCsv(['2020-01-02', '2020-01-03'], [
      { name: 'close', values: [1.5, 2] },
      { name: 'rsi(timeperiod=14).real', values: [null, 55.25] },
      { name: 'bbands(timeperiod=5,nbdevup=2).upperband', values: [3, 4] },
    ]);
    expect(csv).toBe(
      'date,close,rsi(timeperiod=14).real,"bbands(timeperiod=5,nbdevup=2).upperband"\n2020-01-02,1.5,,3\n2020-01-03,2,55.25,4\n',
    );
  });
  it('quotes text holding commas or quotes, and rejects ragged rows', () => {
    expect(buildCsv(['a', 'b'], [['x,y', 'say "hi"']])).toBe('a,b\n"x,y","say ""hi"""\n');
    expect(() => buildCsv(['a', 'b'], [['x']])).toThrow(/row 1/);
    expect(() => columnsToCsv(['d'], [{ name: 'x', values: [] }])).toThrow(/column x/);
  });
  it('makes safe file names', () => {
    expect(safeFileName('AAPL technical 2020-01-02/2021')).toBe('AAPL_technical_2020-01-02_2021');
    expect(safeFileName('///')).toBe('chart');
  });
});
