import type { Authority } from './authority.js';
import type { ContentProblem } from './content-problem.js';
import { findInternalLinks, type InternalLink, type NoteSection } from './find-links.js';
import type { Note } from './validate-note.js';
import { closestAll } from './zod-issue-to-problem.js';

/** A link from a note's body to /authorities/<id>(#<provision>), located, with the section it is in. */
export type AuthorityLink = Omit<InternalLink, 'kind'>;

/** One note citing an authority: what "cited by" lists. */
export interface AuthorityCitation {
  slug: string;
  pinpoint: string | undefined;
  /** The provision the pinpoint names, when it names one. */
  provision: string | undefined;
  section: NoteSection | undefined;
}

const PROVISION_LIKE = /^[a-z]+(-[a-z0-9]+)+$/;
// Ratings that claim the force of law: a reader must be able to reach the law itself.
const CITING_BASES: readonly string[] = ['binding-law', 'persuasive-authority'];

/** The links of a note's body to authorities (find-links.ts reads them). Pure. */
export function findAuthorityLinks(body: string, bodyLine: number): AuthorityLink[] {
  return findInternalLinks(body, bodyLine)
    .filter((link) => link.kind === 'authorities')
    .map(({ kind: _kind, ...link }) => link);
}

/** A checked note as the citation checks need it: the note, its authority links, and where its fields are. */
export interface CitingNote {
  note: Pick<Note, 'slug' | 'file' | 'status' | 'authorities' | 'evidence_basis'>;
  links: readonly AuthorityLink[];
  position: (path: readonly PropertyKey[]) => { line: number; column: number };
}

/**
 * The cross-file rules of authorities: every cited id and provision exists (with a did-you-mean),
 * history and replacements point to known authorities without cycles, and notes resting on legal
 * authority cite at least one (a warning). Returns every problem and, for each authority, the
 * published notes citing it. Pure.
 */
export function checkCitations(
  authorities: readonly Authority[],
  notes: readonly CitingNote[],
): { problems: ContentProblem[]; citedBy: Map<string, AuthorityCitation[]> } {
  const byId = new Map(authorities.map((authority) => [authority.id, authority]));
  const ids = [...byId.keys()];
  const problems: ContentProblem[] = [];
  const didYouMean = (value: string, candidates: readonly string[]) => {
    const close = closestAll(value, candidates);
    return close.length > 0 ? `did you mean ${close.map((candidate) => `"${candidate}"`).join(' or ')}?` : undefined;
  };

  for (const authority of authorities) {
    const references = [
      ...authority.history.map((entry, index) => ({ target: entry.authority, field: `history.${index}.authority` })),
      { target: authority.replaced_by?.authority, field: 'replaced_by.authority' },
    ];
    for (const { target, field } of references) {
      if (target === undefined || byId.has(target)) continue;
      problems.push({
        file: authority.file,
        line: 1,
        column: 1,
        field,
        message: `"${target}" is not an authority in knowledge/authorities/`,
        hint: didYouMean(target, ids) ?? 'use the id (file name) of an authority, or give a citation instead',
      });
    }
  }
  problems.push(...findHistoryCycles(authorities));

  const citedBy = new Map<string, AuthorityCitation[]>();
  for (const { note, links, position } of notes) {
    const unknownTarget = (target: string, line: number, column: number, field: string) =>
      problems.push({
        file: note.file,
        line,
        column,
        field,
        message: `cites "${target}", which is not an authority in knowledge/authorities/`,
        hint: didYouMean(target, ids) ?? 'add the authority file first, or correct the id',
      });
    note.authorities.forEach((cited, index) => {
      const authority = byId.get(cited.id);
      if (!authority) return unknownTarget(cited.id, position(['authorities', index]).line, position(['authorities', index]).column, `authorities.${index}`);
      const provisionIds = authority.provisions.map((provision) => provision.id);
      const provision = cited.pinpoint && provisionIds.includes(cited.pinpoint) ? cited.pinpoint : undefined;
      if (cited.pinpoint && !provision && PROVISION_LIKE.test(cited.pinpoint)) {
        problems.push({
          file: note.file,
          ...position(['authorities', index, 'pinpoint']),
          field: `authorities.${index}.pinpoint`,
          message: `"${cited.pinpoint}" is not a provision of ${authority.id}`,
          hint:
            didYouMean(cited.pinpoint, provisionIds) ??
            (provisionIds.length > 0
              ? `its provisions: ${provisionIds.join(', ')}`
              : `${authority.id} lists no provisions; add one to its file, or write the pinpoint as text ("§ 45")`),
        });
      }
      if (note.status !== 'published') return;
      // The section it is cited in: the first link to this authority (to this provision, if any).
      const link =
        links.find((candidate) => candidate.target === cited.id && candidate.fragment === provision && provision !== undefined) ??
        links.find((candidate) => candidate.target === cited.id);
      const list = citedBy.get(authority.id) ?? [];
      list.push({ slug: note.slug, pinpoint: cited.pinpoint, provision, section: link?.section });
      citedBy.set(authority.id, list);
    });
    for (const link of links) {
      const authority = byId.get(link.target);
      if (!authority) {
        unknownTarget(link.target, link.line, link.column, 'body');
      } else if (link.fragment && !authority.provisions.some((provision) => provision.id === link.fragment)) {
        problems.push({
          file: note.file,
          line: link.line,
          column: link.column,
          field: 'body',
          message: `links to /authorities/${link.target}#${link.fragment}, which is not one of its provisions`,
          hint:
            didYouMean(
              link.fragment,
              authority.provisions.map((provision) => provision.id),
            ) ?? 'link to the authority without #, or add the provision to its file',
        });
      } else if (!note.authorities.some((cited) => cited.id === link.target)) {
        problems.push({
          file: note.file,
          line: link.line,
          column: link.column,
          field: 'body',
          message: `links to /authorities/${link.target}, which authorities: does not list`,
          hint: `add ${link.target} to the note's authorities, so it appears in "cited by"`,
        });
      }
    }
    if (note.status === 'published' && CITING_BASES.includes(note.evidence_basis) && note.authorities.length === 0) {
      problems.push({
        file: note.file,
        ...position(['evidence_basis']),
        field: 'authorities',
        severity: 'warning',
        message: `is empty, but evidence_basis "${note.evidence_basis}" rests on legal authority`,
        hint: 'cite the judgment, statute or treaty it rests on: authorities: [<id>]',
      });
    }
  }
  return { problems, citedBy };
}

// A decision cannot be, through its history, a later treatment of itself.
function findHistoryCycles(authorities: readonly Authority[]): ContentProblem[] {
  const next = new Map(authorities.map((authority) => [authority.id, authority.history.flatMap((entry) => (entry.authority ? [entry.authority] : []))]));
  const problems: ContentProblem[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      const file = authorities.find((authority) => authority.id === id)?.file ?? id;
      problems.push({
        file,
        line: 1,
        column: 1,
        field: 'history',
        message: `forms a cycle: ${cycle.join(' → ')}`,
        hint: 'history lists later decisions; an earlier decision cannot also be a later one',
      });
      return;
    }
    state.set(id, 'visiting');
    for (const target of next.get(id) ?? []) if (next.has(target)) visit(target, [...trail, id]);
    state.set(id, 'done');
  };
  for (const authority of authorities) visit(authority.id, []);
  return problems;
}
