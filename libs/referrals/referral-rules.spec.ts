import { evaluateReferralRules, evaluationWrites, lapsedReferrals, nextReferralStatus, ReferralRole, SentRuleReferral } from './referral-rules';

const ROLES: ReferralRole[] = [
  { rule: 'R1', kind: 'INTERDICTION', agency: 'CBP' },
  { rule: 'R2', kind: 'DRUG_NEXUS', agency: 'DEA' },
  { rule: 'R3', kind: 'DOMESTIC_FIREARMS', agency: 'ATF' },
  { rule: 'R4', kind: 'EXPORT_ENFORCEMENT', agency: 'ICE' },
];
const facts = (owningAgency: string, flags: Record<string, unknown>, organizations: { name: string; orgType: string }[] = [], firearmCount = 0) =>
  ({ owningAgency, flags, organizations, firearmCount });

describe('evaluateReferralRules (R1-R4, never to the owner)', () => {
  it.each([
    ['nothing', facts('FBI', {}), []],
    ['R1 port of entry', facts('FBI', { portOfEntry: 'Nogales, AZ' }), ['R1:CBP']],
    ['R1 blank port ignored', facts('FBI', { portOfEntry: '  ' }), []],
    ['R2 cartel flag', facts('FBI', { cartelLink: true }), ['R2:DEA']],
    ['R2 DTO subject', facts('FBI', {}, [{ name: 'Los Zetas', orgType: 'DTO' }]), ['R2:DEA']],
    ['R2 gang is not a DTO', facts('FBI', {}, [{ name: 'MS-13', orgType: 'GANG' }]), []],
    ['R3 domestic sale', facts('ICE', { domesticSale: true }, [], 2), ['R3:ATF']],
    ['R4 export', facts('ATF', { exportSmuggling: true }), ['R4:ICE']],
    ['R4 owned by ICE: not to itself', facts('ICE', { exportSmuggling: true }), []],
    ['R1 owned by CBP: not to itself', facts('CBP', { portOfEntry: 'San Ysidro' }), []],
    ['all four from a Mexican agency', facts('PGR', { portOfEntry: 'Laredo', cartelLink: true, domesticSale: true, exportSmuggling: true }), ['R1:CBP', 'R2:DEA', 'R3:ATF', 'R4:ICE']],
    ['all four owned by ATF: R3 dropped', facts('ATF', { portOfEntry: 'Laredo', cartelLink: true, domesticSale: true, exportSmuggling: true }), ['R1:CBP', 'R2:DEA', 'R4:ICE']],
  ])('%s', (_label, input, expected) => {
    expect(evaluateReferralRules(input, ROLES).map((d) => `${d.rule}:${d.toAgency}`)).toEqual(expected);
  });

  it('states the facts that matched', () => {
    const [r2] = evaluateReferralRules(facts('FBI', { cartelLink: true }, [{ name: 'Cártel del Golfo', orgType: 'DTO' }]), ROLES);
    expect(r2.reason).toBe('flagged as linked to a cartel; drug trafficking organization subject: Cártel del Golfo');
    expect(r2.facts).toEqual({ cartelLink: true, dtoOrganizations: ['Cártel del Golfo'] });
    const [r3] = evaluateReferralRules(facts('FBI', { domesticSale: true }, [], 3), ROLES);
    expect(r3.reason).toBe('domestic sale or transport of firearms (3 firearms to trace)');
  });

  it('takes the acting agency from the roles data', () => {
    const moved = ROLES.map((r) => (r.rule === 'R1' ? { ...r, agency: 'CBSA' } : r));
    expect(evaluateReferralRules(facts('FBI', { portOfEntry: 'Detroit' }), moved)[0].toAgency).toBe('CBSA');
  });
});

describe('nextReferralStatus', () => {
  it.each([
    ['SENT', 'ACKNOWLEDGE', 'ACKNOWLEDGED'], ['ESCALATED', 'ACKNOWLEDGE', 'ACKNOWLEDGED'], ['ACKNOWLEDGED', 'ACKNOWLEDGE', null],
    ['SENT', 'ACCEPT', 'ACCEPTED'], ['ACKNOWLEDGED', 'ACCEPT', 'ACCEPTED'], ['ESCALATED', 'DECLINE', 'DECLINED'],
    ['ACCEPTED', 'ACCEPT', null], ['DECLINED', 'ACCEPT', null], ['ACCEPTED', 'DECLINE', null],
    ['SENT', 'ESCALATE', 'ESCALATED'], ['ACKNOWLEDGED', 'ESCALATE', null], ['ACCEPTED', 'ESCALATE', null],
  ] as const)('%s + %s -> %p', (from, action, to) => expect(nextReferralStatus(from, action)).toBe(to));
});

describe('withdrawal', () => {
  it.each([
    ['SENT', 'WITHDRAWN'], ['ACKNOWLEDGED', 'WITHDRAWN'], ['ESCALATED', 'WITHDRAWN'],
    ['ACCEPTED', null], ['DECLINED', null], ['WITHDRAWN', null],
  ] as const)('%s + WITHDRAW -> %p', (from, to) => expect(nextReferralStatus(from, 'WITHDRAW')).toBe(to));

  it('leaves nothing to do with a withdrawn referral', () => {
    expect(['ACKNOWLEDGE', 'ACCEPT', 'DECLINE', 'ESCALATE'].map((a) => nextReferralStatus('WITHDRAWN', a as 'ACCEPT'))).toEqual([null, null, null, null]);
  });
});

/** Whether an evaluation writes decides whether it opens a transaction at all (issue 20): a wrong "no" loses a referral. */
describe('evaluationWrites and lapsedReferrals', () => {
  const sent = (key: string, noted = false): SentRuleReferral => {
    const [rule, toAgency] = key.split(':') as [SentRuleReferral['rule'], string];
    return { id: key, rule, toAgency, workflowId: `referral-${key}`, history: noted ? [{ status: 'SENT' }, { status: 'NOTED' }] : [{ status: 'SENT' }] };
  };
  const decided = (flags: Record<string, unknown>) => evaluateReferralRules(facts('FBI', flags), ROLES);
  it.each([
    ['no rule applies, nothing sent', [], {}, false, []],
    ['a rule applies, nothing sent: send', [], { portOfEntry: 'Laredo' }, true, []],
    ['sent and still holding', ['R1:CBP'], { portOfEntry: 'Laredo' }, false, []],
    ['sent to another agency than the rule now names: send', ['R1:CBSA'], { portOfEntry: 'Laredo' }, true, ['R1:CBSA']],
    ['one of two rules not sent yet: send', ['R1:CBP'], { portOfEntry: 'Laredo', cartelLink: true }, true, []],
    ['sent, facts lapsed, not noted: note', ['R1:CBP'], {}, true, ['R1:CBP']],
    ['sent, facts lapsed, noted already', [['R1:CBP', true]], {}, false, []],
    ['one lapsed and noted, one holding', [['R1:CBP', true], 'R2:DEA'], { cartelLink: true }, false, []],
  ] as [string, (string | [string, boolean])[], Record<string, unknown>, boolean, string[]][])('%s', (_label, referrals, flags, writes, lapsed) => {
    const list = referrals.map((r) => (typeof r === 'string' ? sent(r) : sent(r[0], r[1])));
    expect(evaluationWrites(list, decided(flags))).toBe(writes);
    expect(lapsedReferrals(list, decided(flags)).map((r) => r.id)).toEqual(lapsed);
  });
});
