import { applyEdit, auditText, AUDIT_TEXT_LIMIT, EditableCase, mergeFlags, tracesOwnFirearms } from './case-edit-rules';

const irene = { userId: 'u-1', username: 'ice.agent' };
const samuel = { userId: 'u-2', username: 'ice.sac' };
const current: EditableCase = { title: 'Nogales corridor', summary: 'Straw purchases', flags: { cartelLink: true }, leadAgent: irene };

describe('mergeFlags', () => {
  it.each([
    [{}, { portOfEntry: 'Nogales, AZ' }, { portOfEntry: 'Nogales, AZ' }],
    [{ cartelLink: true }, { portOfEntry: ' Laredo, TX ' }, { portOfEntry: 'Laredo, TX', cartelLink: true }],
    [{ portOfEntry: 'Laredo, TX', cartelLink: true }, { portOfEntry: null }, { cartelLink: true }],
    [{ portOfEntry: 'Laredo, TX' }, { portOfEntry: '  ' }, {}],
    [{ cartelLink: true, domesticSale: true }, { cartelLink: false }, { domesticSale: true }],
    [{ exportSmuggling: false }, { domesticSale: null }, {}],
  ])('%j patched with %j -> %j', (flags, patch, expected) => expect(mergeFlags(flags, patch)).toEqual(expected));
});

describe('applyEdit', () => {
  it.each([
    ['the same title', { title: 'Nogales corridor' }],
    ['a false flag the case does not have', { flags: { domesticSale: false } }],
    ['a flag the case has already', { flags: { cartelLink: true } }],
    ['the same lead agent', { leadAgent: irene }],
    ['the same summary', { summary: 'Straw purchases' }],
  ])('%s changes nothing', (_name, edit) => {
    expect(applyEdit(current, edit).changes).toEqual([]);
  });

  it('names each changed field with its old and new value', () => {
    const { next, changes } = applyEdit(current, {
      title: 'Nogales corridor II', flags: { portOfEntry: 'Nogales, AZ' }, leadAgent: samuel, summary: '',
    });
    expect(next).toEqual({
      title: 'Nogales corridor II', summary: null, flags: { portOfEntry: 'Nogales, AZ', cartelLink: true }, leadAgent: samuel,
    });
    expect(changes).toEqual([
      { field: 'title', from: 'Nogales corridor', to: 'Nogales corridor II' },
      { field: 'summary', from: 'Straw purchases', to: null },
      { field: 'flags', from: { cartelLink: true }, to: { portOfEntry: 'Nogales, AZ', cartelLink: true } },
      { field: 'leadAgent', from: 'ice.agent', to: 'ice.sac' },
    ]);
  });

  it('summarises a long summary in the change', () => {
    const long = 'x'.repeat(AUDIT_TEXT_LIMIT + 50);
    expect(applyEdit(current, { summary: long }).changes).toEqual([
      { field: 'summary', from: 'Straw purchases', to: { length: AUDIT_TEXT_LIMIT + 50, starts: `${'x'.repeat(AUDIT_TEXT_LIMIT)}…` } },
    ]);
  });
});

describe('auditText', () => {
  it.each([
    [null, null],
    ['short', 'short'],
    ['y'.repeat(AUDIT_TEXT_LIMIT), 'y'.repeat(AUDIT_TEXT_LIMIT)],
  ])('%p -> %p', (text, expected) => expect(auditText(text)).toEqual(expected));
});

describe('tracesOwnFirearms', () => {
  it.each([
    [{ domesticSale: true }, 'ATF', 'ATF', true],
    [{ domesticSale: true }, 'ICE', 'ATF', false],
    [{}, 'ATF', 'ATF', false],
    [{ domesticSale: false, portOfEntry: 'Laredo, TX' }, 'ATF', 'ATF', false],
  ])('flags %j owned by %s, tracing agency %s -> %p', (flags, owner, tracing, expected) => {
    expect(tracesOwnFirearms(flags, owner, tracing)).toBe(expected);
  });
});
