import type { AuthUser } from '../../../../libs/auth/roles';

/** Who takes a workflow step, as every update request carries it (and the audit entry it leads to records). */
export interface StepActor { userId: string; username: string; agency: string }

export const actorOf = (user: AuthUser): StepActor => ({ userId: user.userId, username: user.username, agency: user.agency });
