import type { ReferralRule } from '../contracts/referrals';

export type ReasonLang = 'en' | 'es';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const names = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * A rule's reason in words, rendered from the facts the rule stored, so a partner reading in Spanish gets the same
 * reason in Spanish. Values people entered (a port's name, an organization's) stay as entered. English is the text
 * stored with the referral since the rules were written: keep both in step.
 */
const REASONS: Record<ReferralRule, (facts: Record<string, unknown>, lang: ReasonLang) => string> = {
  R1: (facts, lang) => (lang === 'es' ? `involucra el puerto de entrada ${text(facts.portOfEntry)}` : `involves the port of entry ${text(facts.portOfEntry)}`),
  R2: (facts, lang) => {
    const dtos = names(facts.dtoOrganizations);
    const es = lang === 'es';
    return [
      ...(facts.cartelLink ? [es ? 'señalado como vinculado a un cártel' : 'flagged as linked to a cartel'] : []),
      ...(dtos.length > 0
        ? [es
            ? `${plural(dtos.length, 'organización', 'organizaciones')} de narcotráfico entre los sujetos: ${dtos.join(', ')}`
            : `drug trafficking organization ${plural(dtos.length, 'subject', 'subjects')}: ${dtos.join(', ')}`]
        : []),
    ].join('; ');
  },
  R3: (facts, lang) => {
    const n = typeof facts.firearms === 'number' ? facts.firearms : 0;
    if (lang === 'es') {
      return `venta o transporte nacional de armas de fuego${n > 0 ? ` (${n} ${plural(n, 'arma de fuego', 'armas de fuego')} por rastrear)` : ''}`;
    }
    return `domestic sale or transport of firearms${n > 0 ? ` (${n} ${plural(n, 'firearm', 'firearms')} to trace)` : ''}`;
  },
  R4: (_facts, lang) => (lang === 'es' ? 'contrabando de armas para su exportación a través de la frontera' : 'export smuggling of weapons across the border'),
};

export function ruleReason(rule: ReferralRule, facts: Record<string, unknown>, lang: ReasonLang): string {
  return REASONS[rule](facts, lang);
}
