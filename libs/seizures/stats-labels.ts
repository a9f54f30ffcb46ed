import type { StatsGrouping, StatsMetric } from './stats-rules';

/**
 * The CSV's column headers in Spanish (partner agencies in Mexico), worded as the console's Spanish statistics page
 * words them. English headers stay the API's field names, which scripts read.
 */
const SPANISH_COLUMNS: Record<StatsGrouping | StatsMetric | 'weaponType' | 'recognized', string> = {
  month: 'Mes', agency: 'Agencia', caliber: 'Calibre', sourceState: 'Estado de origen',
  weaponType: 'Tipo de arma', recognized: 'Calibre reconocido',
  seizures: 'Aseguramientos', firearms: 'Armas de fuego', tracesCompleted: 'Rastreos completados',
  tracesUnsuccessful: 'Rastreos sin éxito', tracesOpen: 'Rastreos abiertos',
  medianTimeToCrimeDays: 'Mediana del tiempo al delito (días)', casesOpened: 'Casos abiertos', casesClosed: 'Casos cerrados',
  fruitfulInvestigations: 'Investigaciones fructíferas', successfulProsecutions: 'Procesos exitosos',
  closedUnclassified: 'Cerrados sin clasificar', hits: 'Coincidencias', hitsResolved: 'Coincidencias resueltas',
  referrals: 'Remisiones', referralsAccepted: 'Remisiones aceptadas', referralsDeclined: 'Remisiones rechazadas',
};

export type CsvLanguage = 'en' | 'es';

export function statsColumnLabel(column: keyof typeof SPANISH_COLUMNS, lang: CsvLanguage): string {
  return lang === 'es' ? SPANISH_COLUMNS[column] : column;
}
