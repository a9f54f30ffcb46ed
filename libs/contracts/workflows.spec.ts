import { workflowIdOf } from './workflows';

/** Seizure passes (firearms added by PATCH) are runs of their own: never the first run's id, never each other's. */
describe('seizure workflow ids', () => {
  const seizureId = '6a428fba-b71b-42ab-9558-30e9cbecd454';
  it.each([
    ['the first run', { seizureId }, `seizure-${seizureId}`],
    ['pass 0 is the first run', { seizureId, pass: 0 }, `seizure-${seizureId}`],
    ['pass 1', { seizureId, pass: 1 }, `seizure-${seizureId}-pass-1`],
    ['pass 12', { seizureId, pass: 12 }, `seizure-${seizureId}-pass-12`],
  ])('%s', (_, input, id) => {
    expect(workflowIdOf('seizureWorkflow', input)).toBe(id);
  });
});
