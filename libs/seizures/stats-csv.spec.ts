import { statsCsv, STATS_METRICS, type StatsRow } from './stats.service';

const metrics = (n: number | null) => Object.fromEntries(STATS_METRICS.map((m) => [m, n])) as StatsRow['metrics'];

describe('statsCsv', () => {
  it.each([
    ['a plain label', 'TX', 'TX'],
    // A source state is typed by whoever records a trace result; a spreadsheet must not run it.
    ['a formula', '=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['a leading minus', '-2+3', "'-2+3"],
    ['a comma', 'Coahuila, MX', '"Coahuila, MX"'],
  ])('writes %s as a safe field', (_name, group, expected) => {
    const [, row] = statsCsv([{ group, metrics: metrics(1) }], 'sourceState').split('\r\n');
    expect(row.split(',').slice(0, -STATS_METRICS.length).join(',')).toBe(expected);
  });

  it('leaves unknown metrics empty and counts as numbers', () => {
    const [header, row] = statsCsv([{ group: 'ATF', metrics: metrics(null) }], 'agency').split('\r\n');
    expect(header).toBe(['agency', ...STATS_METRICS].join(','));
    expect(row).toBe(['ATF', ...STATS_METRICS.map(() => '')].join(','));
  });

  it.each([
    ['agency', 'en', 'agency,seizures,firearms,'],
    ['agency', 'es', 'Agencia,Aseguramientos,Armas de fuego,'],
    ['caliber', 'es', 'Calibre,Tipo de arma,Calibre reconocido,Aseguramientos,'],
    ['month', 'es', 'Mes,Aseguramientos,'],
  ] as const)('heads a table by %s in %s', (groupBy, lang, start) => {
    const [header, row] = statsCsv([{ group: 'ATF', metrics: metrics(2) }], groupBy, lang).split('\r\n');
    expect(header.startsWith(start)).toBe(true);
    expect(header.split(',')).toHaveLength(row.split(',').length);
    expect(row.startsWith('ATF,')).toBe(true);
  });
});
