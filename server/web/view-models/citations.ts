import type { Authority, Provision } from '../../content/authority.js';
import { formatDate, type InterfaceLanguage, type Translate } from '../i18n.js';

/** One reference in the two forms a reader pastes: plain (every part named) and OSCOLA-like (a brief's footnote). */
export interface CitationForms {
  plain: string;
  oscola: string;
}

/**
 * An authority's full reference: its name, citation, court or issuing body and date, with a
 * provision's pinpoint when one is given. Plain: "R v L, HVN, THN and T. [2013] EWCA Crim 991; ….
 * Court of Appeal (Criminal Division), England and Wales, 21 June 2013." OSCOLA-like, by kind: a
 * case is its name and reports joined by commas; legislation its title and chapter with the section
 * ("s 13"); a treaty its title, date and treaty series; guidance and reports their author, title and
 * date. "-like": the citation field is free text, so a report series is cited as the file gives it.
 * Pure.
 */
export function citeAuthority(authority: Authority, language: InterfaceLanguage, provision?: Provision): CitationForms {
  const date = authority.date ? formatDate(authority.date, language) : undefined;
  const reports = authority.citation
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
  const pin = provision ? pinpointOf(provision) : undefined;
  const plain = [authority.title, authority.citation, [authority.court, date].filter(Boolean).join(', '), provision?.label]
    .filter(Boolean)
    .map((part) => withStop(part!))
    .join(' ');
  const withPin = (text: string) => (pin ? `${text}, ${pin}` : text);
  const oscola =
    authority.kind === 'case'
      ? withPin(`${authority.title} ${reports.join(', ')}`)
      : authority.kind === 'legislation'
        ? withPin(`${authority.title}, ${authority.citation}`)
        : authority.kind === 'treaty'
          ? withPin(`${authority.title}${date ? ` (${date})` : ''} ${authority.citation}`)
          : withPin(
              `${authority.court}, ${authority.title}${date ? ` (${date})` : ''}${authority.citation !== authority.title ? `, ${authority.citation}` : ''}`,
            );
  return { plain, oscola };
}

/** OSCOLA's short form of a provision from its id: `s-13` → "s 13", `art-3` → "art 3", `ss-8-10` → "ss 8-10"; else its label. */
export function pinpointOf(provision: Provision): string {
  const match = /^(s|ss|art|arts|para|paras|r|reg|sch|rule|cl|ch)-(.+)$/.exec(provision.id);
  return match ? `${match[1]} ${match[2]}` : provision.label;
}

/**
 * How to cite a guidance page, with the date it was last reviewed and the date it was read, both in
 * the reader's language. `version` (the version in git and its date, when the page has one) is named
 * after the title, and `url` is then that version's permanent address.
 */
export function citeNote(
  input: { title: string; lastReviewed: string; url: string; accessed: string; version?: { id: string; date: string } | undefined },
  language: InterfaceLanguage,
  t: Translate,
): CitationForms {
  const params = {
    title: input.title,
    url: input.url,
    reviewed: formatDate(input.lastReviewed, language),
    accessed: formatDate(input.accessed, language),
    version: input.version ? ` ${t('citation.version', { version: input.version.id, date: formatDate(input.version.date, language) })}` : '',
  };
  return { plain: t('citation.notePlain', params), oscola: t('citation.noteOscola', params) };
}

function withStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
