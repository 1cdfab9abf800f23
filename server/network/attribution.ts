import type { Profile } from './profile.js';

/*
 * Attribution: notes name their authors and reviewers in front matter (`authors`, `reviewers`,
 * docs/contract.md §1) as free text. Where a name is a member's handle, pages show the member's display
 * name and link to their profile — but only as far as the profile's visibility allows the reader:
 * to an anonymous reader a members-only profile does not exist, and the name stays as the note
 * wrote it. Pure.
 */

/** Who is reading: a signed-in member sees every profile; anyone else only public ones. */
export type Reader = 'member' | 'anonymous';

/** A name on a page, with the profile it links to when the reader may see it. */
export interface PersonLink {
  label: string;
  url?: string;
}

/** The note's names as the reader may see them. */
export function attributeNames(names: readonly string[], profiles: ReadonlyMap<string, Profile>, reader: Reader): PersonLink[] {
  return names.map((name) => {
    const profile = profiles.get(name);
    if (!profile || (profile.visibility !== 'public' && reader !== 'member')) return { label: name };
    return { label: profile.displayName, url: `/network/${encodeURIComponent(profile.handle)}` };
  });
}

/** A note a member wrote or reviewed. */
export interface MemberNote {
  slug: string;
  title: string;
  language: string;
  contribution: 'author' | 'reviewer';
}

/** The notes that name a handle among their authors or reviewers, by title. */
export function notesOfMember(
  handle: string,
  notes: ReadonlyArray<{ slug: string; title: string; language: string; authors: readonly string[]; reviewers: readonly string[] }>,
): MemberNote[] {
  return notes
    .filter((note) => note.authors.includes(handle) || note.reviewers.includes(handle))
    .map((note) => ({
      slug: note.slug,
      title: note.title,
      language: note.language,
      contribution: note.authors.includes(handle) ? ('author' as const) : ('reviewer' as const),
    }))
    .sort((a, b) => a.title.localeCompare(b.title));
}
