import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Driving the console's case form by its labels, in either language: the labels come from the cases feature's own
 * string files, so the Spanish journey uses exactly what a Spanish-speaking user reads.
 */
export type CaseStrings = ReturnType<typeof caseStrings>;
export function caseStrings(language: 'en' | 'es') {
  const file = path.resolve(__dirname, '..', '..', '..', 'apps', 'web', 'src', 'features', 'cases', 'locales', `${language}.json`);

  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
}

/** A field's label, with or without the "(required)" note the form adds to it. */
export const labelled = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*\\(.*\\))?$`);

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));

export interface OperationInput { type?: string; latitude: number; longitude: number; radiusMeters: number; startsAt: string; endsAt: string }

export class CaseForm {
  constructor(private readonly page: Page, readonly s: CaseStrings) {}

  /** Opens the form from the navigation, as a user does. */
  async openFromNav(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: this.s.nav.newCase, exact: true }).click();
    await this.page.getByRole('heading', { name: this.s.form.title, level: 1 }).waitFor();
  }

  field(label: string) { return this.page.getByLabel(labelled(label)); }

  group(template: string, n: number) { return this.page.getByRole('group', { name: fill(template, { n }), exact: true }); }

  async addIdentifier(n: number, value: string, options: { type?: string; region?: string } = {}): Promise<void> {
    await this.page.getByRole('button', { name: this.s.form.addIdentifier }).click();
    const row = this.group(this.s.form.identifierN, n);
    if (options.type) await row.getByLabel(labelled(this.s.fields.identifierType)).selectOption(options.type);
    await row.getByLabel(labelled(this.s.fields.value)).fill(value);
    if (options.region) await row.getByLabel(labelled(this.s.fields.region)).fill(options.region);
  }

  /** A person subject, with its other names one per line (issue 21). */
  async addPerson(n: number, person: { fullName: string; dateOfBirth?: string; aliases?: string[]; monikers?: string[] }): Promise<void> {
    await this.page.getByRole('button', { name: this.s.form.addSubject }).click();
    const row = this.group(this.s.form.subjectN, n);
    await row.getByLabel(labelled(this.s.fields.fullName)).fill(person.fullName);
    if (person.dateOfBirth) await row.getByLabel(labelled(this.s.fields.dateOfBirth)).fill(person.dateOfBirth);
    if (person.aliases) await row.getByLabel(labelled(this.s.fields.aliases)).fill(person.aliases.join('\n'));
    if (person.monikers) await row.getByLabel(labelled(this.s.fields.monikers)).fill(person.monikers.join('\n'));
  }

  async addOrganization(n: number, organization: { name: string; orgType?: string }): Promise<void> {
    await this.page.getByRole('button', { name: this.s.form.addSubject }).click();
    const row = this.group(this.s.form.subjectN, n);
    await row.getByLabel(labelled(this.s.fields.subjectKind)).selectOption('ORGANIZATION');
    await row.getByLabel(labelled(this.s.fields.orgName)).fill(organization.name);
    if (organization.orgType) await row.getByLabel(labelled(this.s.fields.orgType)).selectOption(organization.orgType);
  }

  /** A firearm by its serial; `obliterated` ticks "Serial partly obliterated" (its readable part is then matched). */
  async addFirearm(n: number, firearm: { serialNumber: string; obliterated?: boolean }): Promise<void> {
    await this.page.getByRole('button', { name: this.s.form.addFirearm }).click();
    const row = this.group(this.s.form.firearmN, n);
    await row.getByLabel(labelled(this.s.fields.serialNumber)).fill(firearm.serialNumber);
    if (firearm.obliterated) await row.getByLabel(labelled(this.s.fields.serialObliterated)).check();
  }

  async addOperation(n: number, op: OperationInput): Promise<void> {
    await this.page.getByRole('button', { name: this.s.form.addOperation }).click();
    const row = this.group(this.s.form.operationN, n);
    if (op.type) await row.getByLabel(labelled(this.s.fields.operationType)).selectOption(op.type);
    await row.getByLabel(labelled(this.s.fields.latitude)).fill(String(op.latitude));
    await row.getByLabel(labelled(this.s.fields.longitude)).fill(String(op.longitude));
    await row.getByLabel(labelled(this.s.fields.radiusMeters)).fill(String(op.radiusMeters));
    await row.getByLabel(labelled(this.s.fields.startsAt)).fill(op.startsAt);
    await row.getByLabel(labelled(this.s.fields.endsAt)).fill(op.endsAt);
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: this.s.form.submit, exact: true }).click();
  }

  /** The API's message shown under the field with this API path (e.g. `identifiers.0.value`). */
  fieldError(apiPath: string) { return this.page.locator(`[data-field-error="${apiPath}"]`); }
}

/** A random future day (2028-2030) as datetime-local text at the given local hour: windows no other spec shares. */
export function randomDay(): string {
  const day = new Date(Date.UTC(2028 + Math.floor(Math.random() * 3), 0, 1) + Math.floor(Math.random() * 360) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

export const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
