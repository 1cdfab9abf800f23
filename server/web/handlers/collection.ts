import type { RequestHandler } from 'express';
import { NotFoundError } from '../../errors.js';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { toNoteListItems } from '../view-models/browse-page.js';
import { buildCollectionsIndex } from '../view-models/listing-pages.js';

/** GET /collections/:slug — a trainer's reading list: the introduction, then the notes in order. */
export function showCollection(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const collection = deps.knowledgeBase.collections.find((candidate) => candidate.slug === req.params.slug);
    if (!collection) throw new NotFoundError(`There is no collection "${String(req.params.slug)}".`);
    const { language, t } = pageContext(res.locals);
    const listed = collection.notes.map((slug) => deps.knowledgeBase.bySlug.get(slug)).filter((note) => note !== undefined);
    const notes = toNoteListItems(listed, deps.knowledgeBase, { language, t });
    res.render('collection', { model: { ...collection, notes }, title: collection.title, description: collection.summary });
  };
}

/** GET /collections — every reading list, each with its print view. */
export function showCollections(deps: AppDependencies): RequestHandler {
  return (_req, res) => {
    const { language, t } = pageContext(res.locals);
    res.render('collections', {
      model: buildCollectionsIndex(deps.knowledgeBase, language),
      title: t('listing.collections.title'),
      description: t('listing.collections.intro'),
    });
  };
}
