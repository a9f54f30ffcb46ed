import { accountFeature } from '../features/account';
import { adminFeature } from '../features/admin';
import { casesFeature } from '../features/cases';
import { checksFeature } from '../features/checks';
import { deconflictionFeature } from '../features/deconfliction';
import { leadershipFeature } from '../features/leadership';
import { lookoutsFeature } from '../features/lookouts';
import { meetingsFeature } from '../features/meetings';
import { referralsFeature } from '../features/referrals';
import { seizuresFeature } from '../features/seizures';
import { watchDeskFeature } from '../features/watch-desk';
import type { Feature } from './feature';

export const features: Feature[] = [
  casesFeature, checksFeature, referralsFeature, deconflictionFeature, seizuresFeature, meetingsFeature, leadershipFeature, watchDeskFeature,
  lookoutsFeature, adminFeature, accountFeature,
];
