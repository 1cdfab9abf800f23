import { textOf } from '../../content/taxonomy.js';
import type { RequestHandler } from 'express';
import { FACETS, VOCABULARY_FACETS, type VocabularyFacet } from '../../content/note-schema.js';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { HITS_PER_PAGE } from '../search-params.js';
import { labelFacet, labelFacetValue } from '../view-models/facet-labels.js';

/** GET /api/facets — every facet, in schema order, with its values, labels, definitions and note counts. */
export function facetsApi(deps: AppDependencies): RequestHandler {
  return async (_req, res) => {
    const { language, t } = pageContext(res.locals);
    const { taxonomy } = deps.knowledgeBase;
    const [counts] = await deps.noteIndex.count([
      {
        query: { text: '', filters: {}, sort: 'relevance', page: 1, hitsPerPage: HITS_PER_PAGE },
        facets: FACETS.map((facet) => facet.field),
      },
    ]);
    res.json({
      language,
      facets: FACETS.map((facet) => {
        const distribution = counts?.facets[facet.field] ?? {};
        const isVocabulary = (VOCABULARY_FACETS as readonly string[]).includes(facet.field);
        const ids = isVocabulary ? taxonomy.vocabularies[facet.field as VocabularyFacet].values.map((value) => value.id) : Object.keys(distribution);
        return {
          field: facet.field,
          label: labelFacet(facet.field, language, taxonomy, t),
          derived: facet.derived,
          values: ids.map((id) => {
            const entry = isVocabulary ? taxonomy.vocabularies[facet.field as VocabularyFacet].values.find((value) => value.id === id) : undefined;
            return {
              value: id,
              label: labelFacetValue(facet.field, id, language, taxonomy, t),
              ...(entry ? { definition: textOf(entry, language).definition } : {}),
              count: distribution[id] ?? 0,
            };
          }),
        };
      }),
    });
  };
}
