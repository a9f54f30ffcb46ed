import { MEETING_SCENARIOS } from './support/meeting-scenarios';
import { recordScenarios } from './support/recording';

/**
 * Records the meeting and action-item histories only (`npm run record:histories` records these too):
 * `node dist/scripts/record-meeting-histories.js [scenario ...]` against a stack started as the README says.
 */
recordScenarios(MEETING_SCENARIOS, process.argv.slice(2)).catch((error) => { console.error(error); process.exit(1); });
