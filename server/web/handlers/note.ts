import type { RequestHandler, Response } from 'express';
import { attributeNames, type PersonLink, type Reader } from '../../network/attribution.js';
import { LRUCache } from 'lru-cache';
import type { NoteHit } from '../../search/note-index.js';
import { NotFoundError, StorageError } from '../../errors.js';
import type { ProfileSnapshot } from '../../network/network-store.js';
import { isDatabaseUnavailable } from '../../storage/in-transaction.js';
import { noteOf } from '../access-rules.js';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { citedAuthoritiesOf } from '../view-models/authority-page.js';
import { buildNotePage } from '../view-models/note-page.js';
import { buildNotesIndex } from '../view-models/listing-pages.js';
import { parsePage } from '../view-models/pagination.js';
import { summarizeHistory } from '../view-models/history-pages.js';
import type { PublishedNote } from '../../content/knowledge-base.js';
import type { SynonymGroups } from '../../content/synonyms.js';
import { extractSearchText } from '../../content/render-note.js';
import { glossaryTermsOf } from '../../search/synonym-tokens.js';
import { offlineKeysOf } from '../../search/offline-query-keys.js';
import type { InterfaceLanguage, Translate } from '../i18n.js';

const RELATED_COUNT = 4;

/**
 * GET /notes/:slug — served from the in-memory knowledge base so a trainer's link works while the
 * engine is down or reindexing; only "related notes" asks the engine, and is left out if it fails.
 * A former slug (alias) answers 301 to the current one; drafts and unknown slugs are 404.
 */
export function showNote(deps: AppDependencies): RequestHandler {
  // Related notes change only with a reindex; asking the engine on every page view cost most of a
  // guidance page's time. Kept five minutes, so a reindex shows within that. Keyed by a published slug.
  const relatedCache = new LRUCache<string, NoteHit[]>({
    maxSize: 2 * 1024 * 1024,
    sizeCalculation: (hits) => 2 * JSON.stringify(hits).length + 64,
    ttl: 5 * 60_000,
  });
  // A guidance page is the same for every reader of one language and kind (member or not) until the
  // content changes (the key holds the knowledge base's hash) or related notes may have (five
  // minutes). Keyed only by what is valid (a published slug, a language, the reader's kind, the base
  // URL), never by the address as sent, and bounded by bytes: distinct query strings used to fill
  // the heap with copies of the same page.
  const pageCache = new LRUCache<string, string>({ maxSize: 8 * 1024 * 1024, sizeCalculation: (html, key) => 2 * (html.length + key.length), ttl: 5 * 60_000 });
  return async (req, res, next) => {
    const note = noteOf(res);
    const slug = note.slug;
    const { language, t, baseUrl } = pageContext(res.locals);
    // Names link to members' profiles as far as this reader may see them: the cached page depends
    // on who reads (signed in or not) and on the profiles as they are now.
    const attribution = await attributionFor(deps, res);
    const pageKey = `${deps.knowledgeBase.contentHash}|${language}|${baseUrl}|${note.slug}|${attribution.key}`;
    // The same page for every address of the note: its language links name the note, not the query sent.
    res.locals.languageLinks = (res.locals.languageLinks as Array<{ code: string }>).map((link) => ({ ...link, url: `/notes/${note.slug}?lang=${link.code}` }));
    const cached = pageCache.get(pageKey);
    if (cached !== undefined) {
      res.type('html').send(cached);
      return;
    }
    // The page shows the whole note, read from its file: the catalogue holds no words but the title.
    const whole = await deps.knowledgeBase.readNote(note);
    const rendered = whole && (await deps.renderer.note(note, async () => whole.body));
    // Listed but no longer on disk as this note: the knowledge directory is the truth, and the change feed will catch up.
    if (!whole || !rendered) throw new NotFoundError(`No published note has the slug "${slug}".`);
    let related = relatedCache.get(note.slug);
    if (!related) {
      related = await deps.noteIndex
        .related(
          {
            slug: note.slug,
            evidence_types: note.evidence_types,
            victim_centred_techniques: note.victim_centred_techniques,
            jurisdictions: note.jurisdictions,
            language: note.language,
            translations: note.translations,
            exclude: rendered.related?.slugs ?? [],
          },
          RELATED_COUNT,
        )
        .catch(() => undefined);
      if (related) relatedCache.set(note.slug, related);
    }
    const model = buildNotePage(whole, rendered, {
      taxonomy: deps.knowledgeBase.taxonomy,
      language,
      t,
      baseUrl,
      today: deps.today(),
      related: related ?? [],
      publishedSlugs: deps.knowledgeBase.bySlug,
      authorities: citedAuthoritiesOf(note, deps.knowledgeBase, language, t),
      findNote: (target) => deps.knowledgeBase.bySlug.get(target) ?? deps.knowledgeBase.bySlug.get(deps.knowledgeBase.aliases.get(target) ?? ''),
      attribute: attribution.attribute,
      history: historyOf(deps, note, baseUrl, language, t),
    });
    // A pack's offline search has no engine: its page names the glossary's terms, and holds the stem
    // keys and group tokens the site's records hold, which the pack's query asks for (public/pack-query.js).
    if (deps.pack) {
      const text = `${whole.title}\n${whole.summary}\n${extractSearchText(whole.body).plainText}`;
      model.searchExtras.glossary = glossaryOf(deps.knowledgeBase.synonyms)(text);
      const { sources, tagLabels } = model.searchExtras;
      model.searchExtras.keys = keysOf(deps.knowledgeBase.synonyms)(`${text}\n${sources.join('\n')}\n${tagLabels.join('\n')}`);
    }
    res.render('note', { model, title: note.title, description: whole.summary, canonical: model.permalink, ogType: 'article' }, (error, html) => {
      if (error) return next(error);
      // Only a page with its related notes is kept: one rendered during an outage is not. An export
      // renders each page once, so keeping them would only hold thousands of pages in memory.
      if (related && !deps.pack) pageCache.set(pageKey, html);
      res.type('html').send(html);
    });
  };
}

// The glossary's tagger, built once per knowledge base's groups (a few milliseconds each time otherwise, for every page of an export).
const glossaries = new WeakMap<SynonymGroups, (text: string) => string[]>();
function glossaryOf(groups: SynonymGroups): (text: string) => string[] {
  let terms = glossaries.get(groups);
  if (!terms) glossaries.set(groups, (terms = glossaryTermsOf(groups)));
  return terms;
}

const offlineKeys = new WeakMap<SynonymGroups, (text: string) => string>();
function keysOf(groups: SynonymGroups): (text: string) => string {
  let keys = offlineKeys.get(groups);
  if (!keys) offlineKeys.set(groups, (keys = offlineKeysOf(groups)));
  return keys;
}

/** GET /notes — every published note, by language then title, from memory. */
export function showNotesIndex(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const { language, t } = pageContext(res.locals);
    res.render('notes-index', {
      model: buildNotesIndex(deps.knowledgeBase, language, t, { today: deps.today(), page: parsePage(req.query.page) }),
      title: t('listing.notes.title'),
      description: t('listing.notes.intro'),
    });
  };
}

/** GET /api/notes/:slug — the note's front matter plus html, headings and url. */
export function noteApi(deps: AppDependencies): RequestHandler {
  return async (_req, res) => {
    const note = noteOf(res);
    const slug = note.slug;
    const whole = await deps.knowledgeBase.readNote(note);
    const rendered = whole && (await deps.renderer.note(note, async () => whole.body));
    if (!whole || !rendered) throw new NotFoundError(`No published note has the slug "${slug}".`);
    const { file: _file, body: _body, bodyLine: _bodyLine, ...frontMatter } = whole;
    const { html, headings } = rendered;
    res.json({ ...frontMatter, html, headings, url: `/notes/${note.slug}` });
  };
}

/** How names on a guidance page link to profiles for this reader, and a key for the page cache. */
async function attributionFor(deps: AppDependencies, res: Response): Promise<{ key: string; attribute?: (names: readonly string[]) => PersonLink[] }> {
  if (!deps.contribute || deps.pack) return { key: 'plain' };
  const reader: Reader = res.locals.account ? 'member' : 'anonymous';
  let snapshot: ProfileSnapshot;
  try {
    const network = deps.contribute.network;
    if (!network) return { key: 'plain' };
    // Profiles as this process last read them (at most ten seconds ago): no query per reader.
    snapshot = await network.profileSnapshot();
  } catch (error) {
    // No database yet (start-up) or now: names stay as the note wrote them, under a key of their own.
    if (error instanceof StorageError || isDatabaseUnavailable(error)) return { key: 'unlinked' };
    throw error;
  }
  return {
    key: `${reader}|${snapshot.revision}`,
    attribute: (names) => (names.length === 0 ? [] : attributeNames(names, snapshot.byHandle, reader)),
  };
}

/** The note's history line (from the index built at start, never a walk of the log), when its knowledge is in git. */
function historyOf(deps: AppDependencies, note: PublishedNote, baseUrl: string, language: InterfaceLanguage, t: Translate) {
  const history = deps.knowledge.history();
  if (!history) return undefined;
  const versions = history.index().versionsOf(
    history.pathOf(note.file),
    note.aliases.map((alias) => `notes/${alias}.md`),
  );
  return summarizeHistory({ kind: 'note', key: note.slug, title: note.title, url: `/notes/${note.slug}` }, versions, baseUrl, language, t);
}
