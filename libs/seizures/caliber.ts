/**
 * Calibers as agents write them, counted together: "9mm", "9 mm", "9x19" and "9mm Luger" are one class. The weapon
 * types the seeds name (seed 003) are reported by name. An unrecognised caliber is kept as written and flagged, never
 * merged into a class it may not belong to.
 */
export interface CaliberClass { code: string; weaponType: string | null }

const CLASSES: { code: string; weaponType: string | null; patterns: RegExp[] }[] = [
  { code: '9MM', weaponType: '9mm pistols', patterns: [/^9(mm)?(x19(mm)?)?(luger|parabellum|para|pb)?$/, /^9mmluger$/] },
  { code: '.38', weaponType: '.38 revolvers', patterns: [/^\.?38(spl|special|sp)?$/] },
  { code: '5.7MM', weaponType: '5.7mm pistols', patterns: [/^5\.?7(mm)?(x28(mm)?)?(fn)?$/] },
  { code: '.223', weaponType: '.223 rifles', patterns: [/^\.?223(rem|remington)?$/, /^5\.?56(mm)?(x45(mm)?)?(nato)?$/] },
  { code: '7.62MM', weaponType: '7.62mm rifles', patterns: [/^7\.?62(mm)?(x39(mm)?)?$/] },
  { code: '.50', weaponType: '.50 caliber rifles', patterns: [/^\.?50(cal|caliber|bmg)?$/, /^12\.?7(mm)?(x99(mm)?)?$/] },
  { code: '7.62X51MM', weaponType: null, patterns: [/^7\.?62x51(mm)?(nato)?$/, /^\.?308(win|winchester)?$/] },
  { code: '.45', weaponType: null, patterns: [/^\.?45(acp|auto)?$/] },
  { code: '.40', weaponType: null, patterns: [/^\.?40(s&?w|sw)?$/] },
  { code: '.380', weaponType: null, patterns: [/^\.?380(acp|auto)?$/, /^9(mm)?(x17|short|kurz)$/] },
  { code: '.357', weaponType: null, patterns: [/^\.?357(mag|magnum)?$/] },
  { code: '.22', weaponType: null, patterns: [/^\.?22(lr|longrifle)?$/] },
  { code: '12GA', weaponType: null, patterns: [/^12(ga|gauge|g)$/] },
];

export function normalizeCaliber(raw: string | null | undefined): CaliberClass | null {
  if (!raw) return null;
  const compact = raw.toLowerCase().replace(/\b(calibre|caliber)\b/g, '').replace(/[\s\-_]/g, '').replace(/×/g, 'x');
  for (const c of CLASSES) if (c.patterns.some((p) => p.test(compact))) return { code: c.code, weaponType: c.weaponType };
  return null;
}

/** Caliber class -> the weapon type the seeds name, for the classes they name (seed 003). */
export const WEAPON_TYPES: Record<string, string> = Object.fromEntries(
  CLASSES.filter((c) => c.weaponType !== null).map((c) => [c.code, c.weaponType as string]),
);
