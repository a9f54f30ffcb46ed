import { useTranslation } from 'react-i18next';
import { SEIZURE_ELEMENTS, type SeizureElement } from '../api/types';

/** The ten data elements, each marked present or missing in words (not colour alone). */
export function ElementChecklist({ present, title }: { present: readonly SeizureElement[]; title: string }) {
  const { t } = useTranslation();
  const missing = SEIZURE_ELEMENTS.filter((e) => !present.includes(e));
  return (
    <section className="element-checklist panel" aria-label={title}>
      <h2>{title}</h2>
      <p className="checklist-summary" role="status">{t('seizures.checklist.summary', { present: present.length, total: SEIZURE_ELEMENTS.length })}</p>
      <ol>
        {SEIZURE_ELEMENTS.map((element) => {
          const ok = present.includes(element);
          return (
            <li key={element} className={ok ? 'element-present' : 'element-missing'} data-element={element} data-present={ok}>
              <span aria-hidden="true" className="element-mark">{ok ? '✓' : '✗'}</span>{' '}
              <span>{t(`seizures.elements.${element}`)}</span>{' '}
              <span className={ok ? 'badge badge-ok' : 'badge badge-warn'}>{ok ? t('seizures.checklist.present') : t('seizures.checklist.missing')}</span>
            </li>
          );
        })}
      </ol>
      {missing.length > 0 ? <p className="hint">{t('seizures.checklist.incompleteHint')}</p> : null}
    </section>
  );
}
