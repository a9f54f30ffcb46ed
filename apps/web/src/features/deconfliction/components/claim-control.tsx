import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { useSession } from '../../../lib/session';
import { useClaimStep } from '../api/hit-work';
import type { DeskHit } from '../api/hits';

/**
 * Who holds a hit, and the step the signed-in coordinator may take: claim it when no one does, release it when they
 * hold it (a desk supervisor may release anyone's). A lost claim race answers 409 and the holder shown is refreshed.
 */
export function ClaimControl({ hit }: { hit: DeskHit }) {
  const { t } = useTranslation();
  const { user, hasRole } = useSession();
  const claim = useClaimStep('claim');
  const release = useClaimStep('release');
  const holder = hit.holder ?? null;
  const mine = holder !== null && holder.username === user?.username;
  const busy = claim.isPending || release.isPending;
  return (
    <div className="deconf-claim" data-testid="claim-control" data-holder={holder?.username ?? ''}>
      <span data-testid="holder">
        {holder ? t(mine ? 'deconfliction.claim.heldByYou' : 'deconfliction.claim.heldBy', { name: holder.fullName }) : t('deconfliction.claim.unclaimed')}
      </span>
      {holder === null && hit.status !== 'RESOLVED' ? (
        <button type="button" disabled={busy} onClick={() => { release.reset(); claim.mutate(hit.id); }}>
          {t('deconfliction.claim.claim')}
        </button>
      ) : null}
      {holder !== null && (mine || hasRole('DESK_SUPERVISOR')) ? (
        <button type="button" className="secondary" disabled={busy} onClick={() => { claim.reset(); release.mutate(hit.id); }}>
          {t('deconfliction.claim.release')}
        </button>
      ) : null}
      <ProblemMessage error={claim.error ?? release.error} />
    </div>
  );
}
