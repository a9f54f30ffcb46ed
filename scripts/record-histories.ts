import { BRANCH_SCENARIOS } from './support/branch-scenarios';
import { DOB_SCENARIOS } from './support/dob-scenarios';
import { EDIT_SCENARIOS } from './support/edit-scenarios';
import { LIFECYCLE_SCENARIOS } from './support/lifecycle-scenarios';
import { MEETING_SCENARIOS } from './support/meeting-scenarios';
import { ONE_PATCH_SCENARIOS } from './support/one-patch-scenarios';
import { recordScenarios } from './support/recording';
import { REOPEN_SCENARIOS } from './support/reopen-scenarios';
import { STARTED_MARK_SCENARIOS } from './support/started-mark-scenarios';

/**
 * Records workflow histories from a running stack into test/histories/, for the replay test. Run after a deliberate
 * workflow change, never to paper over a nondeterminism failure. The stack needs short clocks and a Temporal server
 * that suggests continue-as-new early (README, Tests): `npm run record:histories -- [scenario ...]` (all by default;
 * API_URL and TEMPORAL_ADDRESS name the stack). An existing history is never overwritten silently: pass only new
 * scenarios, or RECORDING_KEEP_AS=before-<change> to keep the old files under that suffix.
 */
const ALL = [
  ...LIFECYCLE_SCENARIOS, ...BRANCH_SCENARIOS, ...MEETING_SCENARIOS, ...EDIT_SCENARIOS, ...REOPEN_SCENARIOS, ...DOB_SCENARIOS,
  ...ONE_PATCH_SCENARIOS, ...STARTED_MARK_SCENARIOS,
];

recordScenarios(ALL, process.argv.slice(2)).catch((error) => { console.error(error); process.exit(1); });
