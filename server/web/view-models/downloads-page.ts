import type { Taxonomy } from '../../content/taxonomy.js';
import { formatDate, formatSize, type InterfaceLanguage, type Translate } from '../i18n.js';
import { labelFacetValue } from './facet-labels.js';

/** A pack file found in the downloads directory. */
export interface PackFile {
  name: string;
  bytes: number;
  /** When it was written, YYYY-MM-DD (UTC). */
  date: string;
}

/** Everything views/downloads.ejs shows. */
export interface DownloadsPageModel {
  packs: Array<{ label: string; url: string; size: string; date: string; isoDate: string; downloadLabel: string }>;
}

/** The pack names npm run export -- --downloads writes: casebook-all.zip, casebook-<jurisdiction>.zip. */
export const PACK_FILE_PATTERN = /^casebook-(all|[A-Z]{2}(?:-[A-Z0-9]{1,3})?|INT)\.zip$/;

/** Lists the packs, the whole knowledge base first, then by jurisdiction name. Pure. */
export function buildDownloadsPage(files: readonly PackFile[], taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate): DownloadsPageModel {
  const packs = files
    .map((file) => ({ file, scope: PACK_FILE_PATTERN.exec(file.name)?.[1] }))
    .filter((entry): entry is { file: PackFile; scope: string } => entry.scope !== undefined)
    .map(({ file, scope }) => {
      const label =
        scope === 'all' ? t('downloads.whole') : t('downloads.jurisdiction', { name: labelFacetValue('jurisdictions', scope, language, taxonomy, t) });
      return {
        whole: scope === 'all',
        label,
        url: `/downloads/${encodeURIComponent(file.name)}`,
        size: formatSize(file.bytes, language),
        date: formatDate(file.date, language),
        isoDate: file.date,
        downloadLabel: t('downloads.download', { name: label }),
      };
    })
    .sort((a, b) => Number(b.whole) - Number(a.whole) || a.label.localeCompare(b.label, language));
  return { packs: packs.map(({ whole: _whole, ...pack }) => pack) };
}
