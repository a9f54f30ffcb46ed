import { evaluateReferralRules, type ReferralRole } from './referral-rules';
import { ruleReason } from './referral-reasons';

const ROLES: ReferralRole[] = [
  { rule: 'R1', kind: 'INTERDICTION', agency: 'CBP' }, { rule: 'R2', kind: 'DRUG_NEXUS', agency: 'DEA' },
  { rule: 'R3', kind: 'DOMESTIC_FIREARMS', agency: 'ATF' }, { rule: 'R4', kind: 'EXPORT_ENFORCEMENT', agency: 'ICE' },
];

describe('rule reasons in English and Spanish, from the stored facts', () => {
  it.each([
    ['R1', { portOfEntry: 'San Ysidro, CA' }, 'involves the port of entry San Ysidro, CA', 'involucra el puerto de entrada San Ysidro, CA'],
    ['R2', { cartelLink: true, dtoOrganizations: [] }, 'flagged as linked to a cartel', 'señalado como vinculado a un cártel'],
    ['R2', { cartelLink: false, dtoOrganizations: ['Los Zetas'] }, 'drug trafficking organization subject: Los Zetas', 'organización de narcotráfico entre los sujetos: Los Zetas'],
    ['R2', { cartelLink: true, dtoOrganizations: ['A', 'B'] }, 'flagged as linked to a cartel; drug trafficking organization subjects: A, B',
      'señalado como vinculado a un cártel; organizaciones de narcotráfico entre los sujetos: A, B'],
    ['R3', { domesticSale: true, firearms: 0 }, 'domestic sale or transport of firearms', 'venta o transporte nacional de armas de fuego'],
    ['R3', { domesticSale: true, firearms: 1 }, 'domestic sale or transport of firearms (1 firearm to trace)', 'venta o transporte nacional de armas de fuego (1 arma de fuego por rastrear)'],
    ['R3', { domesticSale: true, firearms: 2 }, 'domestic sale or transport of firearms (2 firearms to trace)', 'venta o transporte nacional de armas de fuego (2 armas de fuego por rastrear)'],
    ['R4', { exportSmuggling: true }, 'export smuggling of weapons across the border', 'contrabando de armas para su exportación a través de la frontera'],
  ] as const)('%s %j', (rule, facts, en, es) => {
    expect(ruleReason(rule, facts, 'en')).toBe(en);
    expect(ruleReason(rule, facts, 'es')).toBe(es);
  });

  it('stores the English reason the rules always stored', () => {
    const decisions = evaluateReferralRules({
      owningAgency: 'FBI', flags: { portOfEntry: ' Laredo, TX ', cartelLink: true, domesticSale: true, exportSmuggling: true },
      organizations: [{ name: 'Cártel X', orgType: 'DTO' }], firearmCount: 3,
    }, ROLES);
    expect(decisions.map((d) => d.reason)).toEqual([
      'involves the port of entry Laredo, TX', 'flagged as linked to a cartel; drug trafficking organization subject: Cártel X',
      'domestic sale or transport of firearms (3 firearms to trace)', 'export smuggling of weapons across the border',
    ]);
  });
});
