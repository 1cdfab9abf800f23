import type { Authority } from '../../content/authority.js';
import type { KnowledgeBase, ListedFields, PublishedNote } from '../../content/knowledge-base.js';
import type { AuthorityCitation } from '../../content/check-citations.js';
import { INTERNATIONAL, nameJurisdiction } from '../../content/jurisdictions.js';
import { formatDate, type InterfaceLanguage, type MessageKey, type Translate } from '../i18n.js';
import { citeAuthority, type CitationForms } from './citations.js';

/** How much weight an authority still carries, for a badge a reader takes in at a glance. */
export interface StatusBadge {
  status: Authority['status'];
  label: string;
  /** `ok` good law; `warning` check its history; `danger` superseded or repealed. */
  tone: 'ok' | 'warning' | 'danger';
  explanation: string;
}

/** An authority in a list: enough to recognise it and see whether it stands. */
export interface AuthorityListItem {
  id: string;
  url: string;
  title: string;
  citation: string;
  kind: string;
  kindLabel: string;
  court: string;
  jurisdiction: string;
  jurisdictionLabel: string;
  year: string | undefined;
  badge: StatusBadge;
  citedByCount: number;
}

/** One note citing an authority, linking to the section where it does. */
export interface CitingNoteLink {
  slug: string;
  title: string;
  language: string;
  url: string;
  pinpoint: string | undefined;
  sectionHeading: string | undefined;
}

/** A note citing an authority, once, with each of its citations: the provision's label (never its id) and the section. */
export interface CitingNoteGroup {
  slug: string;
  title: string;
  language: string;
  url: string;
  jurisdictions: string;
  citations: Array<{ label: string | undefined; sectionHeading: string | undefined; url: string }>;
}

/** Everything views/authority.ejs shows. */
export interface AuthorityPageModel extends AuthorityListItem {
  summary: string;
  /** The full reference, plain and OSCOLA-like. */
  citations: CitationForms;
  dateLabel: string | undefined;
  date: string | undefined;
  languages: string;
  primaryUrl: string | undefined;
  otherUrls: Authority['other_urls'];
  /** Each provision with the notes citing it, grouped by note, and the reference pinpointed to it. */
  provisions: Array<{ id: string; label: string; url?: string | undefined; citedBy: CitingNoteLink[]; citations: CitationForms }>;
  history: Array<{ relationLabel: string; title: string; url: string | undefined; dateLabel: string; date: string }>;
  replacedBy: { title: string; url: string | undefined } | undefined;
  /** Each citing note once, with every place it cites this authority; notes on the authority's own jurisdiction first. */
  citedByGroups: Array<{ label: string; notes: CitingNoteGroup[] }>;
  feedUrl: string;
}

const TONES: Record<Authority['status'], StatusBadge['tone']> = { 'good-law': 'ok', 'check-history': 'warning', superseded: 'danger', repealed: 'danger' };

/** The status badge of an authority. */
export function statusBadge(status: Authority['status'], t: Translate): StatusBadge {
  return { status, label: t(`authority.status.${status}` as MessageKey), tone: TONES[status], explanation: t(`authority.statusWhy.${status}` as MessageKey) };
}

/** An authority as a list item. */
export function toAuthorityListItem(authority: Authority, knowledgeBase: KnowledgeBase, language: InterfaceLanguage, t: Translate): AuthorityListItem {
  return {
    id: authority.id,
    url: `/authorities/${authority.id}`,
    title: authority.title,
    citation: authority.citation,
    kind: authority.kind,
    kindLabel: t(`authority.kind.${authority.kind}` as MessageKey),
    court: authority.court,
    jurisdiction: authority.jurisdiction,
    jurisdictionLabel: nameJurisdiction(authority.jurisdiction, language, knowledgeBase.taxonomy.jurisdictionNames),
    year: authority.date?.slice(0, 4),
    badge: statusBadge(authority.status, t),
    citedByCount: knowledgeBase.citedBy.get(authority.id)?.length ?? 0,
  };
}

/** /authorities/<id>: the citation, primary text, provisions, history and every note citing it, grouped by jurisdiction. Pure. */
export function buildAuthorityPage(authority: Authority, knowledgeBase: KnowledgeBase, language: InterfaceLanguage, t: Translate): AuthorityPageModel {
  const citations = knowledgeBase.citedBy.get(authority.id) ?? [];
  const link = (citation: AuthorityCitation): CitingNoteLink | undefined => {
    const note = knowledgeBase.bySlug.get(citation.slug);
    return note ? toCitingNoteLink(note, citation) : undefined;
  };
  const links = citations
    .map((citation) => ({ citation, note: knowledgeBase.bySlug.get(citation.slug), link: link(citation) }))
    .filter(
      (entry): entry is { citation: AuthorityCitation; note: PublishedNote; link: CitingNoteLink } => entry.link !== undefined && entry.note !== undefined,
    );
  const jurisdictionName = (code: string) => nameJurisdiction(code, language, knowledgeBase.taxonomy.jurisdictionNames);
  const byNote = new Map<string, CitingNoteGroup & { local: boolean }>();
  for (const { note, citation, link: citing } of links) {
    let group = byNote.get(note.slug);
    if (!group) {
      group = {
        slug: note.slug,
        title: note.title,
        language: note.language,
        url: citing.url,
        jurisdictions: note.jurisdictions.map(jurisdictionName).join(', '),
        citations: [],
        local: note.jurisdictions.includes(authority.jurisdiction),
      };
      byNote.set(note.slug, group);
    }
    const label = authority.provisions.find((provision) => provision.id === citation.provision)?.label ?? citation.pinpoint;
    if (label || citing.sectionHeading) group.citations.push({ label, sectionHeading: citing.sectionHeading, url: citing.url });
  }
  const notes = [...byNote.values()].sort((a, b) => a.title.localeCompare(b.title, language));
  const citedByGroups = [
    {
      label:
        authority.jurisdiction === INTERNATIONAL
          ? t('authority.citedByInternational')
          : t('authority.citedByLocal', { name: jurisdictionName(authority.jurisdiction) }),
      notes: notes.filter((note) => note.local),
    },
    { label: t('authority.citedByOther'), notes: notes.filter((note) => !note.local) },
  ]
    .filter((group) => group.notes.length > 0)
    .map((group) => ({ label: group.label, notes: group.notes.map(({ local: _local, ...note }) => note) }));
  const reference = (target: { authority?: string | undefined; citation?: string | undefined }) => {
    const other = target.authority ? knowledgeBase.authorityById.get(target.authority) : undefined;
    return {
      title: other ? `${other.title} — ${other.citation}` : (target.citation ?? target.authority ?? ''),
      url: other ? `/authorities/${other.id}` : undefined,
    };
  };
  return {
    ...toAuthorityListItem(authority, knowledgeBase, language, t),
    summary: authority.summary,
    citations: citeAuthority(authority, language),
    date: authority.date,
    dateLabel: authority.date ? formatDate(authority.date, language) : undefined,
    languages: authority.language.join(', '),
    primaryUrl: authority.url,
    otherUrls: authority.other_urls,
    provisions: authority.provisions.map((provision) => ({
      ...provision,
      citedBy: links.filter(({ citation }) => citation.provision === provision.id).map(({ link: citing }) => citing),
      citations: citeAuthority(authority, language, provision),
    })),
    // Newest first: the latest word on the case is what a reader must see.
    history: [...authority.history]
      .sort((a, b) => b.date.localeCompare(a.date))
      .map((entry) => ({
        relationLabel: t(`authority.relation.${entry.relation}` as MessageKey),
        ...reference(entry),
        dateLabel: formatDate(entry.date, language),
        date: entry.date,
      })),
    replacedBy: authority.replaced_by ? reference(authority.replaced_by) : undefined,
    citedByGroups,
    feedUrl: `/authorities/${authority.id}.xml`,
  };
}

/** The latest entry of an authority's later history, as a search card shows it. */
export interface LatestHistory {
  label: string;
  url: string;
}

/** The latest later-history entry of an authority, "Appealed (12 February 2019): STS 77/2019 …", linking to its page's "Later history". Pure. */
export function latestHistoryOf(
  authority: Pick<Authority, 'id' | 'history'> | undefined,
  language: InterfaceLanguage,
  t: Translate,
  titleOf: (id: string) => string | undefined,
): LatestHistory | undefined {
  const entry = authority ? [...authority.history].sort((a, b) => b.date.localeCompare(a.date))[0] : undefined;
  if (!authority || !entry) return undefined;
  const title = entry.authority ? (titleOf(entry.authority) ?? entry.authority) : (entry.citation ?? '');
  return {
    label: `${t(`authority.relation.${entry.relation}` as MessageKey)} (${formatDate(entry.date, language)})${t('punctuation.colon')} ${title}`,
    url: `/authorities/${authority.id}#later-history`,
  };
}

/** /api/authorities/<id> (docs/contract.md §4): the authority as data, with the notes citing it. Pure. */
export function toAuthorityJson(authority: Authority, knowledgeBase: KnowledgeBase) {
  return {
    id: authority.id,
    kind: authority.kind,
    title: authority.title,
    citation: authority.citation,
    court: authority.court,
    jurisdiction: authority.jurisdiction,
    date: authority.date ?? null,
    url: authority.url ?? null,
    status: authority.status,
    provisions: authority.provisions,
    history: authority.history,
    ...(authority.replaced_by ? { replaced_by: authority.replaced_by } : {}),
    cited_by: (knowledgeBase.citedBy.get(authority.id) ?? []).flatMap((citation) => {
      const note = knowledgeBase.bySlug.get(citation.slug);
      return note ? [{ slug: note.slug, title: note.title, url: toCitingNoteLink(note, citation).url, pinpoint: citation.pinpoint ?? null }] : [];
    }),
  };
}

/** The authorities a note cites, for the "Authorities" block of its guidance page. */
export function citedAuthoritiesOf(
  note: ListedFields,
  knowledgeBase: KnowledgeBase,
  language: InterfaceLanguage,
  t: Translate,
): Array<AuthorityListItem & { pinpoint: string | undefined; href: string; historyHref: string }> {
  return note.authorities.flatMap((cited) => {
    const authority = knowledgeBase.authorityById.get(cited.id);
    if (!authority) return [];
    const provision = authority.provisions.find((candidate) => candidate.id === cited.pinpoint);
    return [
      {
        ...toAuthorityListItem(authority, knowledgeBase, language, t),
        pinpoint: provision?.label ?? cited.pinpoint,
        href: `/authorities/${authority.id}${provision ? `#${provision.id}` : ''}`,
        // A warning to check an authority leads to what to check: its later history, or what replaced it.
        historyHref: `/authorities/${authority.id}${authority.history.length > 0 ? '#later-history' : ''}`,
      },
    ];
  });
}

function toCitingNoteLink(note: PublishedNote, citation: AuthorityCitation): CitingNoteLink {
  return {
    slug: note.slug,
    title: note.title,
    language: note.language,
    url: `/notes/${note.slug}${citation.section ? `#${citation.section.id}` : ''}`,
    pinpoint: citation.pinpoint,
    sectionHeading: citation.section?.heading,
  };
}
