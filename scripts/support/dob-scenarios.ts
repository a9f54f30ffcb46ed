import { call, login, Scenario } from './recording';
import { waitActive } from './lifecycle-scenarios';

/** Issue 16: a person's date of birth given after intake, through the case workflow's setSubjectDateOfBirth update. */
async function subjectDobCase(): Promise<string> {
  const atf = await login('atf.agent');
  const created = await call('POST', '/cases', atf, {
    title: 'Recorded DOB', category: 'OTHER', subjects: [{ kind: 'PERSON', fullName: `Recorded Person ${Date.now() % 100_000_000}` }],
  });
  await waitActive(created.id, atf);
  const detail = await call('GET', `/cases/${created.id}`, atf);
  await call('PATCH', `/cases/${created.id}/subjects/${detail.subjects[0].id}`, atf, { dateOfBirth: '1980-05-17' });
  await call('POST', `/cases/${created.id}/close`, atf, { outcome: 'recorded' });
  return created.workflowId;
}

export const DOB_SCENARIOS: Scenario[] = [
  {
    name: 'case-subject-dob', files: ['case-workflow-subject-dob-set.json'],
    run: async () => [{ workflowId: await subjectDobCase(), file: 'case-workflow-subject-dob-set.json' }],
  },
];
