/** Case numbers read `<AGENCY>-<YEAR>-<6 digits>`, counted per agency and year. */
export function formatCaseNumber(agency: string, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`invalid case sequence ${sequence}`);
  return `${agency}-${year}-${String(sequence).padStart(6, '0')}`;
}
