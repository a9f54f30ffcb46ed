import type { HitStatus } from '../contracts/hits';

/**
 * Who may change a hit's claim (issue 17). A coordinator claims a hit no one holds; the holder releases it or hands
 * it to another coordinator; a desk supervisor may do both whoever holds it. The repository applies these as
 * conditional UPDATEs; when one changes no row, `claimRefusal` explains why from the state read afterwards.
 */
export type ClaimStep = 'claim' | 'release' | 'assign';

export interface ClaimState { status: HitStatus; holderId: string | null }
export interface ClaimActor { userId: string; supervisor: boolean }

export type ClaimRefusal = { code: 'RESOLVED' } | { code: 'HELD_BY_OTHER' } | { code: 'NOT_HOLDER' };

/**
 * May this actor take this step on a hit in this state? Null when yes (or when it is already done: claiming one's
 * own hit, releasing a hit no one holds); otherwise why not.
 */
export function claimRefusal(step: ClaimStep, state: ClaimState, actor: ClaimActor): ClaimRefusal | null {
  const holds = state.holderId !== null && state.holderId === actor.userId;
  switch (step) {
    case 'claim':
      if (state.status === 'RESOLVED') return { code: 'RESOLVED' };
      return state.holderId === null || holds ? null : { code: 'HELD_BY_OTHER' };
    case 'release':
      // Releasing a resolved hit is allowed: it only frees the holder's queue.
      return state.holderId === null || holds || actor.supervisor ? null : { code: 'NOT_HOLDER' };
    case 'assign':
      if (state.status === 'RESOLVED') return { code: 'RESOLVED' };
      // A supervisor may hand out a hit no one holds; a coordinator hands over only what they hold.
      return actor.supervisor || holds ? null : { code: 'NOT_HOLDER' };
  }
}
