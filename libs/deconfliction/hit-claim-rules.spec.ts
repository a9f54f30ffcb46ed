import { ClaimActor, claimRefusal, ClaimState, ClaimStep } from './hit-claim-rules';

const ME = 'u-me';
const OTHER = 'u-other';
const coordinator: ClaimActor = { userId: ME, supervisor: false };
const supervisor: ClaimActor = { userId: ME, supervisor: true };
const open = (holderId: string | null): ClaimState => ({ status: 'OPEN', holderId });
const resolved = (holderId: string | null): ClaimState => ({ status: 'RESOLVED', holderId });

describe('claimRefusal', () => {
  it.each<[ClaimStep, ClaimState, ClaimActor, string | null]>([
    ['claim', open(null), coordinator, null],
    ['claim', open(ME), coordinator, null],
    ['claim', open(OTHER), coordinator, 'HELD_BY_OTHER'],
    ['claim', open(OTHER), supervisor, 'HELD_BY_OTHER'],
    ['claim', { status: 'ESCALATED', holderId: null }, coordinator, null],
    ['claim', resolved(null), coordinator, 'RESOLVED'],
    ['release', open(ME), coordinator, null],
    ['release', open(OTHER), coordinator, 'NOT_HOLDER'],
    ['release', open(OTHER), supervisor, null],
    ['release', open(null), coordinator, null],
    ['release', open(null), supervisor, null],
    ['release', resolved(ME), coordinator, null],
    ['assign', open(ME), coordinator, null],
    ['assign', open(OTHER), coordinator, 'NOT_HOLDER'],
    ['assign', open(null), coordinator, 'NOT_HOLDER'],
    ['assign', open(OTHER), supervisor, null],
    ['assign', open(null), supervisor, null],
    ['assign', resolved(ME), coordinator, 'RESOLVED'],
    ['assign', resolved(OTHER), supervisor, 'RESOLVED'],
  ])('%s on %j by %j: %s', (step, state, actor, expected) => {
    expect(claimRefusal(step, state, actor)?.code ?? null).toBe(expected);
  });
});
