import type { KnowledgeBase } from '../../content/knowledge-base.js';
import type { Note } from '../../content/validate-note.js';
import type { RenderedMarkdown } from '../render-pool.js';
import type { InterfaceLanguage, Translate } from '../i18n.js';
import { citedAuthoritiesOf } from './authority-page.js';
import { buildNotePage, type NotePageModel } from './note-page.js';

/**
 * A submitted note as its published page will show it: the same view model and the same partials
 * (title, summary, basis badge and reason, jurisdictions, review date, authorities, sources), so a
 * contributor's preview and an editor's review show exactly what readers will get. Pure.
 */
export function buildNotePreview(
  note: Note,
  rendered: RenderedMarkdown,
  context: {
    knowledgeBase: KnowledgeBase;
    language: InterfaceLanguage;
    t: Translate;
    baseUrl: string;
    today: string;
  },
): NotePageModel {
  const { knowledgeBase, language, t } = context;
  return buildNotePage(note, rendered, {
    taxonomy: knowledgeBase.taxonomy,
    language,
    t,
    baseUrl: context.baseUrl,
    today: context.today,
    related: [],
    publishedSlugs: knowledgeBase.bySlug,
    authorities: citedAuthoritiesOf(note, knowledgeBase, language, t),
    findNote: (target) => knowledgeBase.bySlug.get(target) ?? knowledgeBase.bySlug.get(knowledgeBase.aliases.get(target) ?? ''),
  });
}
