import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import es from '../locales/es.json';

const LANGUAGE_KEY = 'casecoord.language';
type Strings = Record<string, unknown>;

/**
 * Shared strings in locales/, each feature's in features/<feature>/locales/<lang>.json under the feature's name
 * (`t('cases.list.title')`): a feature owns its strings, and no component holds text of its own.
 */
const featureFiles = import.meta.glob<Strings>('../features/*/locales/*.json', { eager: true, import: 'default' });

function resourcesFor(language: 'en' | 'es', shared: Strings): Strings {
  const merged: Strings = { ...shared };
  for (const [file, strings] of Object.entries(featureFiles)) {
    const match = /features\/([^/]+)\/locales\/(\w+)\.json$/.exec(file);
    if (match && match[2] === language) merged[match[1]] = strings;
  }
  return merged;
}

function initialLanguage(): string {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  if (saved === 'en' || saved === 'es') return saved;
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: resourcesFor('en', en) }, es: { translation: resourcesFor('es', es) } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

/** Remembered across visits; the API is asked in the same language from the next request on. */
export function setLanguage(language: 'en' | 'es'): void {
  localStorage.setItem(LANGUAGE_KEY, language);
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

document.documentElement.lang = i18n.language;

export default i18n;
