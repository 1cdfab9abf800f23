import type { RequestHandler } from 'express';
import type { NoteFields, PublishedNote } from '../../content/knowledge-base.js';
import type { Note } from '../../content/validate-note.js';
import type { RenderedNote } from '../../content/render-note.js';
import { isJurisdictionCode } from '../../content/jurisdictions.js';
import { NotFoundError } from '../../errors.js';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { labelFacetValue } from '../view-models/facet-labels.js';
import { buildPackSearchPage } from '../view-models/pack-search-page.js';
import { buildPrintPack, buildPrintSummary, printedOn } from '../view-models/print-pack-page.js';

/** GET /search in a pack: the filters of the pack's notes; public/pack-search.js searches with Pagefind in the browser. */
export function showPackSearch(deps: AppDependencies): RequestHandler {
  return (_req, res) => {
    const { language, t } = pageContext(res.locals);
    res.render('pack-search', { model: buildPackSearchPage(deps.knowledgeBase, language, t), title: t('search.title') });
  };
}

/** GET /print/collections/:slug in a pack: a reading list's introduction and every note in full, for printing as a handout. */
export function showPrintCollection(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const kb = deps.knowledgeBase;
    const collection = kb.collections.find((candidate) => candidate.slug === req.params.slug);
    if (!collection) throw new NotFoundError(`There is no collection "${String(req.params.slug)}".`);
    const { language, t } = pageContext(res.locals);
    const printed = await readAndRenderAll(
      deps,
      collection.notes.map((slug) => kb.bySlug.get(slug)).filter((note) => note !== undefined),
    );
    const model = buildPrintPack(
      { eyebrow: t('print.collection'), title: collection.title, language: collection.language, introHtml: collection.html, notes: printed.notes },
      { kb, language, t, render: printed.render },
    );
    const { baseUrl } = pageContext(res.locals);
    res.render('print-pack', {
      model,
      title: collection.title,
      description: collection.summary,
      printed: printedOn(`${baseUrl}/collections/${collection.slug}`, deps.pack?.exportedOn ?? deps.today(), language, t),
      summaryUrl: `/print/collections/${collection.slug}/summary`,
    });
  };
}

/**
 * GET /print/collections/:slug/summary — the reading list as a one- or two-page handout: for each
 * note its title, what to do, its evidence basis and jurisdictions, and its address; no bodies.
 */
export function showPrintCollectionSummary(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const kb = deps.knowledgeBase;
    const collection = kb.collections.find((candidate) => candidate.slug === req.params.slug);
    if (!collection) throw new NotFoundError(`There is no collection "${String(req.params.slug)}".`);
    const { language, t, baseUrl } = pageContext(res.locals);
    // The summaries live in the note files, not the catalogue: a reading list has tens of notes at most.
    const listed = collection.notes.map((slug) => kb.bySlug.get(slug)).filter((note) => note !== undefined);
    const notes = (await Promise.all(listed.map((note) => kb.readNote(note)))).filter((note) => note !== undefined);
    const model = buildPrintSummary(collection, notes, { kb, language, t, baseUrl, today: deps.pack?.exportedOn ?? deps.today() });
    res.render('print-summary', { model, title: model.title, description: collection.summary });
  };
}

/** GET /print/jurisdictions/:code in a pack: every note naming a jurisdiction, newest review first, in one printable page. */
export function showPrintJurisdiction(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const kb = deps.knowledgeBase;
    const code = String(req.params.code);
    const notes = kb.notes
      .filter((note) => note.jurisdictions.includes(code))
      .sort((a, b) => b.last_reviewed.localeCompare(a.last_reviewed) || a.title.localeCompare(b.title));
    if (!isJurisdictionCode(code) || notes.length === 0) throw new NotFoundError(`No note names the jurisdiction "${code}".`);
    const { language, t } = pageContext(res.locals);
    const printed = await readAndRenderAll(deps, notes);
    const name = labelFacetValue('jurisdictions', code, language, kb.taxonomy, t);
    const title = t('print.jurisdictionTitle', { name });
    const model = buildPrintPack(
      { eyebrow: t('print.jurisdiction'), title, language, intro: t('print.jurisdictionIntro', { name }), notes: printed.notes },
      { kb, language, t, render: printed.render },
    );
    const { baseUrl } = pageContext(res.locals);
    res.render('print-pack', { model, title, printed: printedOn(`${baseUrl}/jurisdictions/${code}`, deps.pack?.exportedOn ?? deps.today(), language, t) });
  };
}

/**
 * Every note of a printed pack read whole and rendered (off the event loop) before the page is built,
 * a few at a time: the rendering pool refuses work beyond a short queue, and a jurisdiction may have
 * thousands of notes. A note whose file went between listing and printing is left out.
 */
async function readAndRenderAll(
  deps: AppDependencies,
  notes: readonly PublishedNote[],
): Promise<{ notes: Note[]; render: (note: NoteFields) => RenderedNote }> {
  const whole: Note[] = [];
  const rendered = new Map<string, RenderedNote>();
  for (let start = 0; start < notes.length; start += RENDER_BATCH) {
    const batch = notes.slice(start, start + RENDER_BATCH);
    const read = await Promise.all(batch.map((note) => deps.knowledgeBase.readNote(note)));
    const results = await Promise.all(batch.map((note, at) => (read[at] ? deps.renderer.note(note, async () => read[at]!.body) : undefined)));
    batch.forEach((note, at) => {
      if (!read[at]) return;
      whole.push(read[at]);
      rendered.set(note.slug, results[at] ?? EMPTY);
    });
  }
  return { notes: whole, render: (note) => rendered.get(note.slug) ?? EMPTY };
}

const RENDER_BATCH = 8;

// A render refused (too slow) prints the note without its body, not as an error page.
const EMPTY: RenderedNote = { html: '', headings: [] };
