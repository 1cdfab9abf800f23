import { describe, expect, it } from 'vitest';
import { regionalSystemsOf } from '../../../server/content/regional-systems.js';
import { isNoteInScope } from '../../../server/export/select-pack.js';
import { parseExportArguments } from '../../../server/export/parse-export-arguments.js';
import { toClassicScript } from '../../../server/export/write-search-index.js';
import { isJurisdictionCode, suggestJurisdiction } from '../../../server/content/jurisdictions.js';
import { isLanguageCode } from '../../../server/content/field-values.js';

const note = (jurisdictions: string[], regions: string[] = [], language = 'en') => ({ jurisdictions, regions, language });

describe('isNoteInScope', () => {
  const kenya = { jurisdictions: ['KE'], languages: [] };

  it('takes the notes naming the jurisdiction, its regional systems and untied international guidance', () => {
    expect(isNoteInScope(note(['KE']), kenya)).toBe(true);
    expect(isNoteInScope(note(['INT'], ['AU']), kenya)).toBe(true);
    expect(isNoteInScope(note(['INT']), kenya)).toBe(true);
    expect(isNoteInScope(note(['UG'], ['AU']), kenya)).toBe(true);
  });

  it('leaves out other states and regional systems the state is not part of', () => {
    expect(isNoteInScope(note(['GB-EAW'], ['COE']), kenya)).toBe(false);
    expect(isNoteInScope(note(['INT'], ['COE']), kenya)).toBe(false);
  });

  it('treats a subdivision as part of its country and the country as applying to its subdivisions', () => {
    expect(isNoteInScope(note(['GB-SCT']), { jurisdictions: ['GB'], languages: [] })).toBe(true);
    expect(isNoteInScope(note(['GB']), { jurisdictions: ['GB-SCT'], languages: [] })).toBe(true);
    expect(isNoteInScope(note(['GB-EAW']), { jurisdictions: ['GB-SCT'], languages: [] })).toBe(false);
  });

  it('filters by note language too', () => {
    expect(isNoteInScope(note(['KE'], [], 'fr'), { jurisdictions: ['KE'], languages: ['en'] })).toBe(false);
    expect(isNoteInScope(note(['FR'], [], 'fr'), { jurisdictions: [], languages: ['fr'] })).toBe(true);
  });
});

describe('regionalSystemsOf', () => {
  it('knows the systems a state takes part in', () => {
    expect(regionalSystemsOf('KE')).toEqual(['AU']);
    expect(regionalSystemsOf('GB-EAW')).toEqual(['COE', 'OSCE']);
    expect(regionalSystemsOf('INT')).toEqual([]);
  });
});

describe('parseExportArguments', () => {
  const checks = { isJurisdictionCode, isLanguageCode, suggestJurisdiction };

  it('reads several values after one option, repeated options and commas', () => {
    expect(parseExportArguments(['--out', 'pack', '--jurisdiction', 'KE', 'UG', '--jurisdiction', 'TZ,RW', '--zip'], checks)).toMatchObject({
      out: 'pack',
      jurisdictions: ['KE', 'UG', 'TZ', 'RW'],
      zip: true,
      interfaceLanguage: 'en',
    });
  });

  it('takes the interface language from the first --language that is one', () => {
    expect(parseExportArguments(['--out', 'p', '--language', 'pt', 'fr'], checks)).toMatchObject({ languages: ['pt', 'fr'], interfaceLanguage: 'fr' });
  });

  it('rejects bad arguments with a reason', () => {
    expect(parseExportArguments([], checks)).toEqual({ error: '--out DIR is required' });
    expect(parseExportArguments(['--out', 'p', '--jurisdiction', 'UK'], checks)).toMatchObject({ error: expect.stringContaining('GB-EAW') });
    expect(parseExportArguments(['--out', 'p', '--language', 'english'], checks)).toMatchObject({ error: expect.stringContaining('ISO 639-1') });
    expect(parseExportArguments(['--out', 'p', '--colour'], checks)).toMatchObject({ error: expect.stringContaining('colour') });
  });
});

describe('toClassicScript', () => {
  it('turns the Pagefind loader module into a function of fetch, without workers', () => {
    const script = toClassicScript('const a=import.meta.url;var hasWorkerSupport=typeof Worker!=="undefined";var search=()=>fetch("x");export{search};');
    expect(script).not.toContain('import.meta');
    expect(script).not.toMatch(/export\s*\{/);
    const api = new Function('window', `${script}; return window.CasebookPagefind;`)({})((url: string) => `fetched ${url}`);
    expect(api.search()).toBe('fetched x');
  });

  it('refuses a loader it does not understand rather than writing a broken pack', () => {
    expect(() => toClassicScript('import x from "./y.js"; export{x};')).toThrow(/imports other modules/);
    expect(() => toClassicScript('export default 1;')).toThrow(/export list/);
  });
});
