import { useTranslation } from 'react-i18next';
import { Time } from '../../../components/ui/time';
import { useAmbiguities } from '../api/get-ambiguities';
import type { CaseDetail } from '../api/types';
import { AmbiguousNamePrompt } from './ambiguous-name-prompt';
import { SubjectNames } from './subject-names';
import { CaseFirearmTraceButton } from '../../seizures/components/case-firearm-trace-button';

/** The case's subjects, identifiers, firearms and planned operations, as stored. */
export function CaseItems({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const none = <p className="empty">{t('cases.page.noItems')}</p>;
  const ambiguities = useAmbiguities(detail.id, detail.createdAt).data;
  const ambiguous = new Map((ambiguities?.subjects ?? []).map((a) => [a.subjectId, a]));
  const ambiguousSerials = new Set((ambiguities?.firearms ?? []).map((a) => a.firearmId));
  const canAdd = detail.access === 'OWNER' && detail.status !== 'CLOSED';
  return (
    <section className="panel" aria-labelledby="case-items-heading">
      <h2 id="case-items-heading">{t('cases.page.items')}</h2>
      <div className="grid-2">
        <div>
          <h3>{t('cases.form.subjects')}</h3>
          {detail.subjects.length === 0 ? none : (
            <ul className="case-item-list">
              {detail.subjects.map((s) => (
                <li key={s.id}>
                  <span className="badge">{t(`cases.subjectKinds.${s.kind}`)}</span>{' '}
                  {s.kind === 'PERSON'
                    ? <>{s.fullName}{s.dateOfBirth ? ` · ${s.dateOfBirth}` : ''}{s.nationality ? ` · ${s.nationality}` : ''}</>
                    : <>{s.name}{s.orgType ? ` · ${t(`cases.orgTypes.${s.orgType}`, { defaultValue: s.orgType })}` : ''}</>}
                  <SubjectNames caseId={detail.id} subject={s} canAdd={canAdd} />
                  {ambiguous.has(s.id) && !(s.kind === 'PERSON' && s.dateOfBirth)
                    ? <AmbiguousNamePrompt caseId={detail.id} notice={ambiguous.get(s.id)!} canAdd={canAdd} /> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{t('cases.form.identifiers')}</h3>
          {detail.identifiers.length === 0 ? none : (
            <ul className="case-item-list">
              {detail.identifiers.map((i) => (
                <li key={i.id}>
                  <span className="badge">{t(`cases.identifierTypes.${i.type}`, { defaultValue: i.type })}</span> {i.value}{i.region ? ` (${i.region})` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{t('cases.form.firearms')}</h3>
          {detail.firearms.length === 0 ? none : (
            <ul className="case-item-list">
              {detail.firearms.map((f) => (
                <li key={f.id}>
                  {f.serialNumber ?? '—'}{f.serialObliterated ? ` (${t('cases.page.obliterated')})` : ''}
                  {[f.make, f.model, f.caliber, f.action, f.importer].filter(Boolean).map((v) => ` · ${v}`).join('')}
                  <CaseFirearmTraceButton caseId={detail.id} owningAgency={detail.owningAgency} firearmId={f.id} serialNumber={f.serialNumber} />
                  {ambiguousSerials.has(f.id) ? (
                    // Why no hit was raised for this gun, and what would narrow it (a coordinator reviews the crowd).
                    <div className="case-ambiguous" role="note" data-testid="ambiguous-serial-prompt" data-firearm-id={f.id}>
                      <strong>{t('cases.ambiguousSerial.title')}</strong> {t('cases.ambiguousSerial.body', { serial: f.serialNumber ?? '' })}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{t('cases.form.operations')}</h3>
          {detail.operations.length === 0 ? none : (
            <ul className="case-item-list">
              {detail.operations.map((o) => (
                <li key={o.id}>
                  <span className="badge">{t(`cases.operationTypes.${o.type}`, { defaultValue: o.type })}</span>{' '}
                  {t('cases.page.place', { latitude: o.latitude, longitude: o.longitude, radius: o.radiusMeters ?? 250 })}
                  <br /><Time value={o.startsAt} /> – <Time value={o.endsAt} />
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
