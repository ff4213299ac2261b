/**
 * The exhibit's words in Finnish, Swedish and English (assets/i18n/<lang>.json, flat keys), bundled into the
 * exhibit's own chunk: the kiosk is offline and must not wait on anything but its own server. i18next with
 * react-i18next, so switching the language re-renders every visible string at once. Keys are whole dotted names
 * (no nesting); `{{name}}` interpolates, while story-style `{period.key}` figures pass through untouched for
 * ExhibitText to bind.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../../assets/i18n/en.json';
import fi from '../../../assets/i18n/fi.json';
import sv from '../../../assets/i18n/sv.json';
import type { ExhibitLanguage } from '../../../shared/exhibit/schema';

/** The Intl locale each language formats numbers and times in: Finland's, so Swedish reads as in Finland. */
export const LOCALES: Record<ExhibitLanguage, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export const exhibitI18n = i18next.createInstance();

void exhibitI18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fi: { translation: fi }, sv: { translation: sv } },
  lng: 'fi',
  fallbackLng: false,
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  initAsync: false,
});
