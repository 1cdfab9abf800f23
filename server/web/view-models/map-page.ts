import { nameJurisdiction } from '../../content/jurisdictions.js';
import { MAP_FACETS, type VocabularyFacet } from '../../content/note-schema.js';
import { textOf, type Taxonomy } from '../../content/taxonomy.js';
import type { CountResult } from '../../search/note-index.js';
import { pluralForm, type InterfaceLanguage, type Translate } from '../i18n.js';
import { toSearchUrl } from '../search-params.js';
import { labelFacet } from './facet-labels.js';

/** Facets that can be an axis of the map: the vocabularies the note schema marks as map axes. */
export { MAP_FACETS };

export const DEFAULT_MAP_AXES = { rows: 'victim_centred_techniques', columns: 'evidence_types' } as const;

/** Reads ?rows=&columns= strictly; unknown or equal facets fall back to the defaults. */
export function parseMapAxes(raw: Readonly<Record<string, unknown>>): { rows: VocabularyFacet; columns: VocabularyFacet } {
  const pick = (value: unknown, fallback: VocabularyFacet) => (MAP_FACETS.includes(value as VocabularyFacet) ? (value as VocabularyFacet) : fallback);
  const rows = pick(raw.rows, DEFAULT_MAP_AXES.rows);
  const columns = pick(raw.columns, DEFAULT_MAP_AXES.columns);
  return rows === columns ? { ...DEFAULT_MAP_AXES } : { rows, columns };
}

/** One cell: a count, a shade from 0 (none) to 4 (most), and the search it stands for. */
export interface MapCell {
  count: number;
  level: number;
  url: string;
  label: string;
}

/** Everything views/map.ejs shows. */
export interface MapPageModel {
  rows: { field: string; label: string };
  columns: { field: string; label: string };
  axisOptions: Array<{ field: string; label: string }>;
  columnHeaders: Array<{ id: string; label: string; url: string }>;
  table: Array<{ id: string; label: string; url: string; cells: MapCell[] }>;
  caption: string;
  /** Every jurisdiction with notes, linking to its country profile (its gaps are the map's gaps for one place). */
  jurisdictions: Array<{ code: string; name: string; url: string }>;
}

/** Builds the matrix from one count per row value (each with the column facet's distribution). Pure. */
export function buildMapPage(
  axes: { rows: VocabularyFacet; columns: VocabularyFacet },
  counts: readonly CountResult[],
  taxonomy: Taxonomy,
  language: InterfaceLanguage,
  t: Translate,
  jurisdictionCodes: Iterable<string> = [],
): MapPageModel {
  const label = (field: VocabularyFacet, id: string) => {
    const value = taxonomy.vocabularies[field].values.find((entry) => entry.id === id);
    return value ? textOf(value, language).label : id;
  };
  const rowIds = taxonomy.vocabularies[axes.rows].values.map((value) => value.id);
  const columnIds = taxonomy.vocabularies[axes.columns].values.map((value) => value.id);
  const max = Math.max(1, ...counts.flatMap((count) => Object.values(count.facets[axes.columns] ?? {})));
  const search = (filters: Record<string, string[]>) => toSearchUrl({ text: '', filters, sort: 'relevance', page: 1 });
  const rowsLabel = labelFacet(axes.rows, language, taxonomy, t);
  const columnsLabel = labelFacet(axes.columns, language, taxonomy, t);
  return {
    rows: { field: axes.rows, label: rowsLabel },
    columns: { field: axes.columns, label: columnsLabel },
    axisOptions: MAP_FACETS.map((field) => ({ field, label: labelFacet(field, language, taxonomy, t) })),
    columnHeaders: columnIds.map((id) => ({ id, label: label(axes.columns, id), url: search({ [axes.columns]: [id] }) })),
    table: rowIds.map((rowId, index) => ({
      id: rowId,
      label: label(axes.rows, rowId),
      url: search({ [axes.rows]: [rowId] }),
      cells: columnIds.map((columnId) => {
        const count = counts[index]?.facets[axes.columns]?.[columnId] ?? 0;
        return {
          count,
          level: count === 0 ? 0 : Math.min(4, Math.ceil((count / max) * 4)),
          url: search({ [axes.rows]: [rowId], [axes.columns]: [columnId] }),
          label: t(`map.cellLabel.${pluralForm(count, language)}`, { count, row: label(axes.rows, rowId), column: label(axes.columns, columnId) }),
        };
      }),
    })),
    caption: t('map.caption', { rows: rowsLabel, columns: columnsLabel }),
    jurisdictions: [...jurisdictionCodes]
      .map((code) => ({ code, name: nameJurisdiction(code, language, taxonomy.jurisdictionNames), url: `/jurisdictions/${encodeURIComponent(code)}` }))
      .sort((a, b) => a.name.localeCompare(b.name, language)),
  };
}
