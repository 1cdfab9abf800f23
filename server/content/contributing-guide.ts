import { IMPLEMENTATION_STATUSES, LEGAL_AUTHORITY_BASES, VOCABULARY_FACETS, type VocabularyFacet } from './note-schema.js';
import type { Taxonomy } from './taxonomy.js';

/**
 * What each front-matter field means, in the schema's order. A test checks that this list and the
 * schema name the same fields, and that CONTRIBUTING.md is exactly what buildContributingGuide
 * writes, so the guide cannot drift from the code.
 */
export const FIELD_DOCS: ReadonlyArray<{ field: string; required: string; rule: string }> = [
  { field: 'title', required: 'yes', rule: '10–160 characters.' },
  { field: 'summary', required: 'yes', rule: '20–400 characters: the one-line "what to do", shown in search results.' },
  { field: 'language', required: 'yes', rule: 'ISO 639-1 code of the note\'s text: `en`, `fr`, `es`, `pt`, `ar`…' },
  { field: 'jurisdictions', required: 'yes, at least one', rule: 'ISO 3166-1 alpha-2 (`PH`), ISO 3166-2 (`GB-SCT`, `US-TX`), `GB-EAW` for England and Wales, or `INT` when not specific to one state.' },
  { field: 'regions', required: 'no', rule: 'Regional systems relied on (table below).' },
  { field: 'evidence_types', required: 'one of these two', rule: 'Kinds of evidence the note is about (table below).' },
  { field: 'victim_centred_techniques', required: 'one of these two', rule: 'Victim-centred techniques the note is about (table below).' },
  { field: 'stages', required: 'yes, at least one', rule: 'Stages of the case (table below).' },
  { field: 'exploitation_types', required: 'no', rule: 'Forms of exploitation; empty means all forms.' },
  { field: 'victim_profile', required: 'no', rule: '`adult`, `child`.' },
  { field: 'cross_border', required: 'no', rule: '`true` or `false` (default `false`).' },
  { field: 'tech_facilitated', required: 'no', rule: '`true` or `false` (default `false`).' },
  { field: 'content_type', required: 'no', rule: 'Default `practice-note` (table below).' },
  { field: 'evidence_basis', required: 'yes', rule: 'One value (table below), graded honestly.' },
  { field: 'evidence_note', required: 'no', rule: 'At most 500 characters: why this rating.' },
  { field: 'sources', required: 'for legal authority', rule: 'A list of `{title, url?, citation?}`; at least one when the basis is `binding-law`, `persuasive-authority` or `official-guidance`; `url` must be http(s) and point to the document itself, never a site\'s home page.' },
  { field: 'authorities', required: 'no (a warning without one for `binding-law` and `persuasive-authority`)', rule: 'The cases, statutes, treaties, guidance and reports the note relies on: a list of authority ids (`rantsev-v-cyprus-and-russia`) or `{id, pinpoint}`, where `pinpoint` is one of that authority\'s provision ids (`art-3`) or text for paragraphs (`"§§ 282-289"`). Link the claim in the body too: `[Rantsev](/authorities/rantsev-v-cyprus-and-russia)` or `[Article 3](/authorities/palermo-protocol#art-3)`; the section holding the first link is where "cited by" sends readers.' },
  { field: 'last_reviewed', required: 'yes', rule: 'A date `YYYY-MM-DD`, not in the future.' },
  { field: 'reviewers', required: 'no', rule: 'Names or initials. A member of the practitioners\' network may be named by their username (handle): the note then shows their name, linked to their profile as far as its visibility allows, and their profile lists the note.' },
  { field: 'authors', required: 'no', rule: 'Names or initials, or a network member\'s username, as for `reviewers`.' },
  { field: 'slug', required: 'no', rule: 'Lower-case words joined by hyphens, at most 100 characters; default: the file name without `.md`; unique, aliases included.' },
  { field: 'aliases', required: 'no', rule: 'Former slugs, at most 10; each answers with a redirect to the note. Never remove one: trainers\' links depend on it. A vocabulary id or label, a search synonym or a single word is refused: it would capture readers looking for something else.' },
  { field: 'translations', required: 'no', rule: 'Map of language → slug of the same note in another language, e.g. `{fr: preuve-telephonique}`.' },
  { field: 'status', required: 'no', rule: '`published` (default) or `draft`; drafts are checked but never served.' },
  { field: 'audience', required: 'only with `content_type: policy-recommendation`', rule: 'Who the recommendation is addressed to (table below).' },
  { field: 'rests_on', required: 'with `policy-recommendation`, at least one', rule: 'Slugs of the published notes whose evidence supports the recommendation; each must exist.' },
  { field: 'implementation', required: 'only with `policy-recommendation`', rule: `The tracker: a list of \`{jurisdiction, status, as_of, source}\`; \`status\` is ${IMPLEMENTATION_STATUSES.map((status) => `\`${status}\``).join(', ')}; \`as_of\` a date; \`source\` \`{title, url}\` with a deep link to the document (never a home page), required unless the status is \`unknown\`. One entry per jurisdiction; \`unknown\` is better than a guess.` },
];

/** What each field of an authority file means (knowledge/authorities/<id>.yml); a test checks it against the schema. */
export const AUTHORITY_FIELD_DOCS: ReadonlyArray<{ field: string; required: string; rule: string }> = [
  { field: 'kind', required: 'yes', rule: '`case`, `legislation`, `treaty`, `guidance` or `report`.' },
  { field: 'title', required: 'yes', rule: 'The name a reader knows it by: `Rantsev v Cyprus and Russia`, `Modern Slavery Act 2015`.' },
  { field: 'citation', required: 'yes', rule: 'The formal citation a court expects: application number and report reference, neutral citation, chapter number.' },
  { field: 'court', required: 'yes', rule: 'The court, or the body that issued or adopted it.' },
  { field: 'jurisdiction', required: 'yes', rule: 'One code as for notes; `INT` for international courts and instruments.' },
  { field: 'regions', required: 'no', rule: 'Regional systems (`COE`, `EU`, `OAS`, `ECOWAS`, …) for regional courts and instruments.' },
  { field: 'date', required: 'no', rule: 'Date of the decision, adoption or enactment, `YYYY-MM-DD`; leave it out rather than guess.' },
  { field: 'language', required: 'yes', rule: 'ISO 639-1 code(s) of the authentic text(s): `[en, fr]`.' },
  { field: 'url', required: 'no', rule: 'A deep link to the primary text itself (a judgment, a section, an article) that you have checked; never a home page or a search page. Without one, leave it out and say why in the summary.' },
  { field: 'other_urls', required: 'no', rule: 'Official translations or copies: `{url, language?, title?}`.' },
  { field: 'summary', required: 'yes', rule: 'One sentence, in your own words, on what it decides or provides (20–600 characters).' },
  { field: 'provisions', required: 'no', rule: 'The articles or sections notes pinpoint: `{id, label, url?}` with ids such as `art-3`, `s-45`; each is an anchor on the authority\'s page.' },
  { field: 'history', required: 'no (cases only)', rule: 'Later decisions in the same case or that treat it: `{relation, authority | citation, date}`, relation one of `appealed`, `affirmed`, `reversed`, `overruled`, `followed`, `distinguished`.' },
  { field: 'status', required: 'yes', rule: '`good-law`, `check-history` (appealed or questioned: shown as a warning), `superseded` or `repealed` (shown prominently).' },
  { field: 'replaced_by', required: 'with superseded or repealed', rule: 'What replaced it: `{authority: <id>}` or `{citation: "…"}`.' },
];

const VOCABULARY_ORDER: readonly VocabularyFacet[] = ['evidence_types', 'victim_centred_techniques', 'stages', 'exploitation_types', 'evidence_basis', 'content_type', 'audience', 'regions', 'victim_profile'];

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** CONTRIBUTING.md, generated from the field list above and taxonomy.yml. Pure. */
export function buildContributingGuide(taxonomy: Taxonomy): string {
  const lines: string[] = [
    '# Contributing to Casebook',
    '',
    '<!-- Generated by `npm run docs` from server/content/contributing-guide.ts and knowledge/taxonomy.yml. Do not edit by hand: a test fails when this file and its sources disagree. -->',
    '',
    'Casebook grows from what practitioners have learned. There are two ways to share a note; an editor reviews every one before anyone reads it.',
    '',
    '- **On the web**: open `/contribute` and answer five short steps (or upload a Markdown file on the last one), check the preview and send it. You get a private page, with its address to keep, where you can follow the review; if the editor asks for changes, "Edit and resend" on that page gives you your text back to correct and send again. On any guidance page, "Suggest an edit" opens the form with that note.',
    '- **With git**: write the note as a Markdown file under `knowledge/notes/` and open a pull request.',
    '',
    'Prosecutors and practitioners can also join the practitioners\' network, by invitation from an editor: members sign in at `/login`, keep a profile (jurisdictions, languages, areas of expertise, contact details for other members) and find colleagues in the directory at `/network`. Profiles live on the server, never in `knowledge/`.',
    '',
    '## Commands',
    '',
    '```sh',
    'npm run new-note -- "Using hotel records to prove harbouring"   # a valid draft to start from',
    'npm run check                                                   # every problem, with file:line:col and a fix',
    'npm run check -- knowledge/notes/my-note.md                     # just your file',
    '```',
    '',
    '## A note',
    '',
    'A UTF-8 Markdown file with YAML front matter between `---` lines. Only YAML is read, and only as data: other front-matter languages, YAML aliases and tags are refused.',
    '',
    'The body uses `##` headings in this order: What to do (three to five steps) · Why it matters · When it applies · How to do it · Legal basis and evidence (why the rating) · Case examples · Related notes (links written `[title](/notes/<slug>)`). Links to other notes must reach a published note.',
    '',
    '## Ethics',
    '',
    '- Victims and witnesses appear by initials only; no personal data.',
    '- Every sentence is your own; facts carry over from the sources, wording does not. Cite primary sources with identifiers (article, section, application number, neutral citation).',
    '- Say which jurisdiction a rule belongs to. A note is practice guidance, not legal advice.',
    '- Grade the evidence basis honestly and say why in `evidence_note`.',
    '',
    '## Front-matter fields',
    '',
    '| field | required | rule |',
    '|---|---|---|',
    ...FIELD_DOCS.map(({ field, required, rule }) => `| \`${field}\` | ${required} | ${escapeCell(rule)} |`),
    '',
    'Unknown fields are errors (a typo such as `jurisdiction:` must not pass silently), and so are duplicates in a list.',
    '',
    '## Authorities',
    '',
    'Every case, statute, treaty, piece of official guidance or report that notes rely on has one file, `knowledge/authorities/<id>.yml`; its id is the file name. Notes cite it by id, and its page at `/authorities/<id>` lists every note that does ("cited by"). Check each URL against the document itself before adding it.',
    '',
    '| field | required | rule |',
    '|---|---|---|',
    ...AUTHORITY_FIELD_DOCS.map(({ field, required, rule }) => `| \`${field}\` | ${required} | ${escapeCell(rule)} |`),
    '',
    '## Vocabularies',
    '',
    'Use the ids; labels and definitions are shown to readers in English, French and Spanish.',
  ];
  for (const facet of VOCABULARY_ORDER) {
    if (!(VOCABULARY_FACETS as readonly string[]).includes(facet)) continue;
    const vocabulary = taxonomy.vocabularies[facet];
    lines.push('', `### \`${facet}\` — ${vocabulary.label.en ?? facet}`, '');
    if (facet === 'evidence_basis') {
      lines.push(`Strongest first. Legal authority: ${LEGAL_AUTHORITY_BASES.map((id) => `\`${id}\``).join(', ')} (these need at least one source). Empirical support: the others.`, '');
    }
    lines.push('| id | label | definition |', '|---|---|---|');
    for (const value of vocabulary.values) {
      lines.push(`| \`${value.id}\` | ${escapeCell(value.text.en?.label ?? '')} | ${escapeCell(value.text.en?.definition ?? '')} |`);
    }
  }
  lines.push('', '## Review', '', 'Editors check each submission against these rules, preview it exactly as it will be published, and approve it, ask for changes (with a comment you see on your status page) or reject it. Approved notes are served and searchable within seconds.', '');
  return lines.join('\n');
}
