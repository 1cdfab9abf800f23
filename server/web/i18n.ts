import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import fr from './messages/fr.json' with { type: 'json' };

/** The interface languages, default first. */
export const INTERFACE_LANGUAGES = ['en', 'fr', 'es'] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];

/** A key of the message files (en.json is the reference; fr.json and es.json have the same keys, tested). */
export type MessageKey = keyof typeof en;

/** Looks up a message in the reader's language and fills its {placeholders}. */
export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

const MESSAGES: Record<InterfaceLanguage, Record<string, string>> = { en, fr, es };

/** True for one of the interface languages. */
export function isInterfaceLanguage(value: unknown): value is InterfaceLanguage {
  return typeof value === 'string' && (INTERFACE_LANGUAGES as readonly string[]).includes(value);
}

/** True when the message files have this key (for keys built from data, such as a field and a problem kind). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(MESSAGES.en, key);
}

/** A translator for one language; a missing message falls back to English, then to its key. */
export function createTranslator(language: InterfaceLanguage): Translate {
  const messages = MESSAGES[language];
  return (key, params = {}) => {
    const template = messages[key] ?? MESSAGES.en[key] ?? key;
    // Most messages have no placeholder, and a page asks for hundreds of them.
    if (!template.includes('{')) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  };
}

// Day-month-year English, as most of Casebook's readers write dates.
const LOCALES: Record<InterfaceLanguage, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' };

/** Formats a YYYY-MM-DD date for the reader, in UTC so the day never shifts. */
export function formatDate(isoDate: string, language: InterfaceLanguage): string {
  return DATE_FORMATS[language].format(new Date(`${isoDate}T00:00:00Z`));
}

// Building an Intl formatter costs about 0.1–0.4 ms (locale data lookup); a search page formats 20
// dates and several counts, so each language's formatters are built once, at start: constants of the
// code (one per interface language, no knowledge-base or request input), not caches.
const DATE_FORMATS = Object.fromEntries(
  Object.entries(LOCALES).map(([language, locale]) => [language, new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })]),
) as Record<InterfaceLanguage, Intl.DateTimeFormat>;
const PLURAL_RULES = Object.fromEntries(Object.entries(LOCALES).map(([language, locale]) => [language, new Intl.PluralRules(locale)])) as Record<
  InterfaceLanguage,
  Intl.PluralRules
>;
const NUMBER_FORMATS = Object.fromEntries(Object.entries(LOCALES).map(([language, locale]) => [language, new Intl.NumberFormat(locale)])) as Record<
  InterfaceLanguage,
  Intl.NumberFormat
>;

/** Which message a count takes, `<key>.one` or `<key>.other`, by the language's plural rules ("0 fiche", "0 notes"). */
export function pluralForm(count: number, language: InterfaceLanguage): 'one' | 'other' {
  return PLURAL_RULES[language].select(count) === 'one' ? 'one' : 'other';
}

/** "1 note", "3 notes", "0 fiche": the count with its noun, by the language's plural rules. */
export function countNotes(count: number, language: InterfaceLanguage): string {
  return createTranslator(language)(`notes.${pluralForm(count, language)}`, { count: formatNumber(count, language) });
}

const RELATIVE_TIME_FORMATS = Object.fromEntries(
  Object.entries(LOCALES).map(([language, locale]) => [language, new Intl.RelativeTimeFormat(locale, { numeric: 'always' })]),
) as Record<InterfaceLanguage, Intl.RelativeTimeFormat>;

/** How long until something may be tried again, "in 14 minutes", "dans 40 secondes": whole minutes from a minute up, rounded up. */
export function formatWait(seconds: number, language: InterfaceLanguage): string {
  const whole = Math.max(Math.ceil(seconds), 1);
  return whole < 60 ? RELATIVE_TIME_FORMATS[language].format(whole, 'second') : RELATIVE_TIME_FORMATS[language].format(Math.ceil(whole / 60), 'minute');
}

/** Formats a count with the reader's digit grouping. */
export function formatNumber(value: number, language: InterfaceLanguage): string {
  return NUMBER_FORMATS[language].format(value);
}

/**
 * The interface language: `?lang=` first (then remembered in a cookie), then the cookie, then the
 * browser's Accept-Language, then English.
 */
export function chooseLanguage(input: { query: unknown; cookie: unknown; accepted: string | false }): { language: InterfaceLanguage; remember: boolean } {
  if (isInterfaceLanguage(input.query)) return { language: input.query, remember: true };
  if (isInterfaceLanguage(input.cookie)) return { language: input.cookie, remember: false };
  return { language: isInterfaceLanguage(input.accepted) ? input.accepted : 'en', remember: false };
}

/** Formats a file size for the reader: "820 kB", "4.2 MB" (decimal units, as download pages show them). */
export function formatSize(bytes: number, language: InterfaceLanguage): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, 'megabyte'] : [Math.max(bytes, 1) / 1_000, 'kilobyte'];
  return new Intl.NumberFormat(LOCALES[language], { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}
