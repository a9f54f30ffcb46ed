import { csvField } from '../http/csv';
import { complianceCsv, wantsCsv } from './compliance-csv';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['with, comma', '"with, comma"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['+1 rifle', "'+1 rifle"],
    ['-5 pistols', "'-5 pistols"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['Reunión en Ciudad Juárez', 'Reunión en Ciudad Juárez'],
  ])('%p -> %p', (input, expected) => expect(csvField(input)).toBe(expected));
});

describe('complianceCsv', () => {
  it.each([
    ['en', 'id,title,level,counterpartCountry,scheduledAt,notification,report'],
    ['es', 'id,título,nivel,país contraparte,fecha programada,notificación,informe'],
  ] as const)('names its columns in %s; the data stays as entered', (lang, header) => {
    const row = { id: 'a', title: 'Reunión', level: 'EXECUTIVE', counterpartCountry: 'MX', scheduledAt: 's', notification: 'CANCELLED', report: 'CANCELLED' };
    expect(complianceCsv([row], lang).split('\r\n')).toEqual([header, 'a,Reunión,EXECUTIVE,MX,s,CANCELLED,CANCELLED', '']);
  });

  it('writes a header row and one CRLF-terminated line per meeting', () => {
    const csv = complianceCsv([
      { id: 'a', title: 'Border, "executive" talks', level: 'EXECUTIVE', counterpartCountry: 'MX', scheduledAt: '2031-05-20T15:00:00.000Z', notification: 'LATE', report: 'RETURNED' },
      { id: 'b', title: 'Liaison', level: 'WORKING', counterpartCountry: 'CA', scheduledAt: '2031-05-21T15:00:00.000Z', notification: 'EXEMPT', report: 'NOT_REQUESTED' },
    ]);
    expect(csv).toBe([
      'id,title,level,counterpartCountry,scheduledAt,notification,report',
      'a,"Border, ""executive"" talks",EXECUTIVE,MX,2031-05-20T15:00:00.000Z,LATE,RETURNED',
      'b,Liaison,WORKING,CA,2031-05-21T15:00:00.000Z,EXEMPT,NOT_REQUESTED',
      '',
    ].join('\r\n'));
  });

  it('writes only the header for an empty period', () => {
    expect(complianceCsv([])).toBe('id,title,level,counterpartCountry,scheduledAt,notification,report\r\n');
  });
});

describe('wantsCsv', () => {
  it.each([
    [undefined, false],
    ['application/json', false],
    ['text/csv', true],
    ['TEXT/CSV; charset=utf-8', true],
    ['application/json;q=0.9, text/csv', true],
    ['text/csv;q=0', false],
    ['text/csvx', false],
    ['*/*', false],
  ])('%p -> %p', (accept, expected) => expect(wantsCsv(accept)).toBe(expected));
});
