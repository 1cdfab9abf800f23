import GithubSlugger from 'github-slugger';

/** Prefixes of the ids the page itself uses (`cb-main`, form fields `f-…`, tracker rows `tracker-GB`) and of footnote ids (`user-content-fn-1`, `user-content-fnref-1`). */
export const PAGE_ID_PREFIXES = ['cb-', 'f-', 'tracker-', 'user-content-fn-', 'user-content-fnref-'] as const;
/** Whole ids the guidance page or its footnotes use outside those prefixes. */
export const PAGE_IDS = ['tracker', 'footnote-label'] as const;
const USER_PREFIX = 'user-content-';

/**
 * The anchor of each heading of one body, in document order, as the page renders it: the words made
 * a slug (github-slugger, numbered when repeated), an id in the page's or the footnotes' namespaces
 * given the user prefix, and any id the page already has (or an earlier heading took) numbered
 * again, so "## Tracker", "## Footnote label" or "## cb main" after "## User content cb main" can
 * never take an id that is not theirs. The renderer, the index's sections and the link checks all
 * number headings with this, so a section link means the same heading everywhere. Pure.
 */
export function createHeadingIds(): (text: string) => string {
  const slugger = new GithubSlugger();
  const taken = new Set<string>(PAGE_IDS);
  const lastNumber = new Map<string, number>();
  return (text) => {
    let id = slugger.slug(text);
    if (PAGE_ID_PREFIXES.some((prefix) => id.startsWith(prefix))) id = `${USER_PREFIX}${id}`;
    // Numbering goes on from the last number tried for this id, so repeats cost one step each in all.
    let unique = id;
    let n = lastNumber.get(id) ?? 0;
    while (taken.has(unique)) unique = `${id}-${++n}`;
    lastNumber.set(id, n);
    taken.add(unique);
    return unique;
  };
}
