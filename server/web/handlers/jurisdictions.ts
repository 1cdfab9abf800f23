import type { RequestHandler } from 'express';
import { NotFoundError } from '../../errors.js';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { applicabilityOf } from '../../content/applies-in.js';
import { INTERNATIONAL } from '../../content/jurisdictions.js';
import { listingsOf } from '../view-models/note-listings.js';
import { buildJurisdictionProfile, buildJurisdictionsPage, listJurisdictions, parseJurisdictionCode } from '../view-models/jurisdiction-pages.js';

/** GET /jurisdictions — every jurisdiction in the knowledge base by world region, with counts. */
export function showJurisdictions(deps: AppDependencies): RequestHandler {
  return async (_req, res) => {
    const { language, t } = pageContext(res.locals);
    // Notes come from memory; tracked recommendations from the engine, left out while it is down.
    const records = await deps.noteIndex.recommendations().catch(() => []);
    res.render('jurisdictions', {
      model: buildJurisdictionsPage(deps.knowledgeBase.notes, records, deps.knowledgeBase.taxonomy, language),
      title: t('jurisdictions.title'),
    });
  };
}

/**
 * GET /jurisdictions/:code — a country profile. A lower-case code answers 301 to the upper-case
 * one; anything that is not a code in the knowledge base is 404. Served while the engine is down,
 * with the recommendation statuses marked unavailable.
 */
export function showJurisdiction(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const raw = String(req.params.code);
    const code = parseJurisdictionCode(raw);
    if (!code) throw new NotFoundError(`"${raw.slice(0, 40)}" is not a jurisdiction code.`);
    if (code !== raw) return res.redirect(301, `/jurisdictions/${code}`);
    const records = await deps.noteIndex.recommendations().catch(() => undefined);
    // From the catalogue's listings, built once per knowledge base: at 50,000 notes, scanning and
    // sorting every note on each request took a profile most of a second.
    const listings = listingsOf(deps.knowledgeBase, deps.today());
    const tracked = listJurisdictions([], records);
    const known = (candidate: string) => listings.jurisdictions.has(candidate) || tracked.has(candidate);
    if (!known(code)) throw new NotFoundError(`The knowledge base has nothing on ${code} yet.`);
    const { language, t } = pageContext(res.locals);
    // The profile lists the notes that apply here (content/applies-in.ts): its own, its country's and
    // subdivisions', its regional systems', and the universal international ones.
    const { codes, systems } = applicabilityOf(code, listings.jurisdictions);
    const notes = [...new Set([...codes, INTERNATIONAL].flatMap(listings.inJurisdiction).concat(systems.flatMap(listings.inRegionalSystem)))];
    const model = buildJurisdictionProfile(code, {
      notes,
      records,
      taxonomy: deps.knowledgeBase.taxonomy,
      language,
      t,
      hasProfile: known,
      authorities: deps.knowledgeBase.authorities,
    });
    res.render('jurisdiction', { model, title: model.name });
  };
}
