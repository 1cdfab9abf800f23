import { LEGAL_AUTHORITY_BASES, VOCABULARY_FACETS } from '../../content/note-schema.js';
import { textOf, vocabularyLabel, type Taxonomy } from '../../content/taxonomy.js';
import type { InterfaceLanguage, Translate } from '../i18n.js';

/** One term of the glossary, with an anchor so trainers can link to it. */
export interface GlossaryTerm {
  id: string;
  anchor: string;
  label: string;
  definition: string;
  browseUrl: string;
}

/** Everything views/glossary.ejs shows. */
export interface GlossaryPageModel {
  basis: { legal: GlossaryTerm[]; empirical: GlossaryTerm[] };
  sections: Array<{ field: string; label: string; terms: GlossaryTerm[] }>;
}

/** Every vocabulary value with its definition, and the two axes of the evidence basis. Pure. */
export function buildGlossaryPage(taxonomy: Taxonomy, language: InterfaceLanguage, _t: Translate): GlossaryPageModel {
  const termsOf = (field: (typeof VOCABULARY_FACETS)[number]) =>
    taxonomy.vocabularies[field].values.map((value): GlossaryTerm => ({
      id: value.id,
      anchor: `${field}-${value.id}`,
      label: textOf(value, language).label,
      definition: textOf(value, language).definition,
      browseUrl: `/browse/${field}/${value.id}`,
    }));
  const basis = termsOf('evidence_basis');
  return {
    basis: {
      legal: basis.filter((term) => LEGAL_AUTHORITY_BASES.includes(term.id)),
      empirical: basis.filter((term) => !LEGAL_AUTHORITY_BASES.includes(term.id)),
    },
    sections: VOCABULARY_FACETS.filter((field) => field !== 'evidence_basis').map((field) => ({
      field,
      label: vocabularyLabel(taxonomy, field, language),
      terms: termsOf(field),
    })),
  };
}
