import { parseArgs } from 'node:util';
import { INTERFACE_LANGUAGES, isInterfaceLanguage, type InterfaceLanguage } from '../web/i18n.js';

/** What npm run export was asked for. */
export interface ExportArguments {
  out: string | undefined;
  jurisdictions: string[];
  languages: string[];
  zip: boolean;
  /** --print: a printable page per jurisdiction of the pack (always for the --jurisdiction ones). */
  print: boolean;
  downloads: boolean;
  /** With --downloads: only these packs (`all`, jurisdiction codes), as the server asks after a change; all of them when empty. */
  only: string[];
  /** The pack's interface language: the first --language that is one, else English. */
  interfaceLanguage: InterfaceLanguage;
}

/**
 * Reads the export command's arguments. A list option takes several values (`--jurisdiction KE UG`),
 * repeats (`--jurisdiction KE --jurisdiction UG`) or commas (`KE,UG`). Pure: the checks of codes
 * are passed in.
 */
export function parseExportArguments(
  argv: readonly string[],
  checks: { isJurisdictionCode: (code: string) => boolean; isLanguageCode: (code: string) => boolean; suggestJurisdiction: (code: string) => string },
): ExportArguments | { error: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        out: { type: 'string' },
        jurisdiction: { type: 'string', multiple: true },
        language: { type: 'string', multiple: true },
        zip: { type: 'boolean' },
        print: { type: 'boolean' },
        downloads: { type: 'boolean' },
        only: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    return { error: (error as Error).message };
  }
  // A positional belongs to the list option before it: `--jurisdiction KE UG`.
  const lists: Record<'jurisdiction' | 'language', string[]> = { jurisdiction: [], language: [] };
  let current: 'jurisdiction' | 'language' | undefined;
  for (const token of parsed.tokens) {
    if (token.kind === 'option') {
      current = token.name === 'jurisdiction' || token.name === 'language' ? token.name : undefined;
      if (current && token.value !== undefined) lists[current].push(...token.value.split(','));
    } else if (token.kind === 'positional') {
      if (!current) return { error: `unexpected argument "${token.value}"` };
      lists[current].push(...token.value.split(','));
    }
  }
  const jurisdictions = [...new Set(lists.jurisdiction.map((code) => code.trim()).filter(Boolean))];
  const languages = [...new Set(lists.language.map((code) => code.trim().toLowerCase()).filter(Boolean))];
  for (const code of jurisdictions) if (!checks.isJurisdictionCode(code)) return { error: `--jurisdiction ${code}: ${checks.suggestJurisdiction(code)}` };
  for (const code of languages) if (!checks.isLanguageCode(code)) return { error: `--language ${code}: not an ISO 639-1 code such as en, fr or es` };
  const { out, zip = false, print = false, downloads = false } = parsed.values;
  const only = [
    ...new Set(
      (parsed.values.only ?? '')
        .split(',')
        .map((scope) => scope.trim())
        .filter(Boolean),
    ),
  ];
  for (const scope of only) if (scope !== 'all' && !checks.isJurisdictionCode(scope)) return { error: `--only ${scope}: ${checks.suggestJurisdiction(scope)}` };
  if (only.length > 0 && !downloads) return { error: '--only names packs of --downloads' };
  if (downloads && (out || jurisdictions.length > 0)) return { error: '--downloads builds every pack into DOWNLOADS_DIR; it takes no --out or --jurisdiction' };
  if (!downloads && !out) return { error: '--out DIR is required' };
  return {
    out,
    jurisdictions,
    languages,
    zip,
    print,
    downloads,
    only,
    interfaceLanguage: languages.find(isInterfaceLanguage) ?? INTERFACE_LANGUAGES[0],
  };
}
