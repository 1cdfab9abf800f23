import { z } from 'zod';
import type { ContentProblem } from './content-problem.js';
import { isJurisdictionCode } from './jurisdictions.js';
import { contractIdsOf, VOCABULARY_FACETS, type VocabularyFacet } from './note-schema.js';
import type { FrontMatterFile } from './parse-front-matter.js';
import { zodIssueToProblem } from './zod-issue-to-problem.js';

/** A label and its one-sentence definition in one interface language. */
export interface TermText {
  label: string;
  definition: string;
}

/** One vocabulary id with its text in every interface language. */
export interface VocabularyValue {
  id: string;
  text: Record<string, TermText>;
}

/** One facet's vocabulary: the facet's own name and its values in display order. */
export interface Vocabulary {
  label: Record<string, string>;
  values: VocabularyValue[];
}

/** Labels and definitions for every vocabulary id, per interface language (knowledge/taxonomy.yml). */
export interface Taxonomy {
  languages: string[];
  vocabularies: Record<VocabularyFacet, Vocabulary>;
  /** Names of jurisdiction codes per language, where the platform has none (subdivisions, INT). */
  jurisdictionNames: Record<string, Record<string, string>>;
}

const text = z.strictObject({ label: z.string().min(1).max(80), definition: z.string().min(10).max(400) });
const taxonomyFile = z.strictObject({
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
  facets: z.record(
    z.enum(VOCABULARY_FACETS),
    z.strictObject({
      label: z.record(z.string(), z.string().min(1)),
      values: z.record(z.string().regex(/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, 'must be an id of letters, digits and hyphens'), z.record(z.string(), text)),
    }),
  ),
  jurisdiction_names: z
    .record(z.string().refine(isJurisdictionCode, 'is not a jurisdiction code'), z.record(z.string(), z.string().min(1).max(80)))
    .default({}),
});

/** Reads taxonomy.yml (already split by parseFrontMatter-style YAML parsing) into a Taxonomy, or located problems. */
export function parseTaxonomy(parsed: Pick<FrontMatterFile, 'file' | 'data' | 'locate'>): Taxonomy | ContentProblem[] {
  const result = taxonomyFile.safeParse(parsed.data, { reportInput: true });
  if (!result.success) return result.error.issues.flatMap((issue) => zodIssueToProblem(issue, parsed));

  const problems: ContentProblem[] = [];
  const { languages, facets, jurisdiction_names: jurisdictionNames } = result.data;
  const vocabularies = {} as Record<VocabularyFacet, Vocabulary>;
  for (const facet of VOCABULARY_FACETS) {
    const entry = facets[facet];
    if (!entry) {
      problems.push({
        file: parsed.file,
        ...parsed.locate(['facets']),
        field: `facets.${facet}`,
        message: 'is missing',
        hint:
          contractIdsOf(facet).length > 0
            ? `add the ${facet} vocabulary with every id of docs/contract.md §2`
            : `add the ${facet} vocabulary: a label and its ids, each with a label and definition in every language`,
      });
      continue;
    }
    for (const id of contractIdsOf(facet)) {
      if (!entry.values[id]) {
        problems.push({
          file: parsed.file,
          ...parsed.locate(['facets', facet, 'values']),
          field: `facets.${facet}.values.${id}`,
          message: 'is missing; contract ids are never removed (saved links depend on them)',
          hint: `add ${id} with a label and definition in ${languages.join(', ')}`,
        });
      }
    }
    for (const language of languages) {
      if (!entry.label[language]) {
        problems.push({
          file: parsed.file,
          ...parsed.locate(['facets', facet, 'label']),
          field: `facets.${facet}.label.${language}`,
          message: 'is missing',
          hint: `give the facet a name in every language of "languages"`,
        });
      }
      for (const [id, byLanguage] of Object.entries(entry.values)) {
        if (!byLanguage[language]) {
          problems.push({
            file: parsed.file,
            ...parsed.locate(['facets', facet, 'values', id]),
            field: `facets.${facet}.values.${id}.${language}`,
            message: 'is missing',
            hint: 'add {label, definition} in this language',
          });
        }
      }
    }
    vocabularies[facet] = {
      label: entry.label,
      values: Object.entries(entry.values).map(([id, byLanguage]) => ({ id, text: byLanguage })),
    };
  }
  return problems.length > 0 ? problems : { languages, vocabularies, jurisdictionNames };
}

/*
 * The one way to read taxonomy text: every label and definition in the reader's language, falling
 * back to English, then to the id itself (a label) or nothing (a definition).
 */

/** A value's label and definition in `language`. */
export function textOf(value: VocabularyValue, language = 'en'): { label: string; definition: string } {
  return {
    label: value.text[language]?.label ?? value.text.en?.label ?? value.id,
    definition: value.text[language]?.definition ?? value.text.en?.definition ?? '',
  };
}

/** The label of a vocabulary id in `language`. */
export function labelOf(taxonomy: Taxonomy, facet: VocabularyFacet, id: string, language = 'en'): string {
  const value = taxonomy.vocabularies[facet].values.find((candidate) => candidate.id === id);
  return value ? textOf(value, language).label : id;
}

/** The definition of a vocabulary id in `language`; empty for an unknown id. */
export function definitionOf(taxonomy: Taxonomy, facet: VocabularyFacet, id: string, language = 'en'): string {
  const value = taxonomy.vocabularies[facet].values.find((candidate) => candidate.id === id);
  return value ? textOf(value, language).definition : '';
}

/** A vocabulary's own name ("Evidence type") in `language`. */
export function vocabularyLabel(taxonomy: Taxonomy, facet: VocabularyFacet, language = 'en'): string {
  const { label } = taxonomy.vocabularies[facet];
  return label[language] ?? label.en ?? facet;
}

/**
 * Ids whose id or label (in any language) shares a word with `value`, best first: a contributor who
 * writes "phone-extraction" is pointed to `digital-device` ("Device extraction").
 */
export function suggestIds(taxonomy: Taxonomy, facet: VocabularyFacet, value: string): string[] {
  const words = (text: string) =>
    text
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .split(/[^a-z0-9]+/)
      .filter((word) => word.length > 2);
  const wanted = new Set(words(value));
  return taxonomy.vocabularies[facet].values
    .map((entry) => {
      const haystack = new Set([...words(entry.id), ...Object.values(entry.text).flatMap((text) => words(text.label))]);
      return { id: entry.id, score: [...wanted].filter((word) => haystack.has(word)).length };
    })
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map(({ id }) => id);
}
