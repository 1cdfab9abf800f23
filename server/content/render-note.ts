import type { Element, Root as HastRoot } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import type { Link, Nodes as MdastNode, Root as MdastRoot } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { createHeadingIds } from './heading-ids.js';
import { SKIP, visit } from 'unist-util-visit';

/** One entry of a note's table of contents; `id` is the anchor a trainer can link to. */
export interface Heading {
  depth: number;
  id: string;
  text: string;
}

/** A note body rendered for the page. */
export interface RenderedNote {
  /** Sanitized HTML: no raw HTML, no script-capable links; each heading has an id and a "link to this section" anchor. */
  html: string;
  /** Headings h2–h4 in document order, for the table of contents. */
  headings: Heading[];
  /**
   * The author's "Related notes": a last h2 section that is nothing but a list of links to notes.
   * The guidance page shows it as the start of its one related-notes list (then computed ones).
   */
  related?: AuthoredRelated;
}

/** The author's own related-notes list, found in the body. */
export interface AuthoredRelated {
  /** The section heading's anchor (`related-notes`) and text, in the note's language. */
  id: string;
  heading: string;
  /** The linked notes' slugs, in the author's order. */
  slugs: string[];
  /** Each list item as sanitized HTML (the author's link text and any words around it). */
  itemsHtml: string[];
}

/** A note body as the search engine needs it. */
export interface SearchText {
  /** The texts of the headings h2–h4, in order. */
  headings: string[];
  /** The body as plain text, blocks separated by newlines. */
  plainText: string;
  /** The body cut at each h2–h4 heading: the text before the first heading comes first, without id or heading. */
  sections: SectionText[];
}

/** One section of a note for the index: its anchor (as rendered on the page), heading and plain text. */
export interface SectionText {
  /** The heading's anchor id, the same the page gives it (heading-ids.ts); undefined for the text before the first heading. */
  id: string | undefined;
  heading: string;
  text: string;
}

// Raw HTML is never allowed, so authors cannot write id/name attributes; the only ids come from
// rehypeHeadingIds (headings) and remark-rehype (footnotes, which keep their own prefix). Sanitize's own
// clobber prefix would double-prefix footnotes and break their links.
const sanitizeSchema = { ...defaultSchema, clobberPrefix: '' };

const markdownParser = unified().use(remarkParse).use(remarkGfm);
// GFM parsing more than doubles the cost of a parse (4.8 ms against 2.0 ms for a 1,000-word note),
// and the index only needs words: table cells and struck-through text read the same without it.
const textParser = unified().use(remarkParse);

const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

// What rehype-slug did, with heading-ids.ts's numbering: an author's words never take an id the page
// or its footnotes use. Footnote elements keep the ids remark-rehype gave them.
function rehypeHeadingIds() {
  return (tree: HastRoot) => {
    const headingId = createHeadingIds();
    visit(tree, 'element', (node: Element) => {
      if (HEADING_TAGS.has(node.tagName) && node.properties.id === undefined) node.properties.id = headingId(hastToString(node));
    });
  };
}

const htmlProcessor = unified()
  .use(remarkRehype)
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeHeadingIds)
  .use(rehypeAutolinkHeadings, {
    behavior: 'append',
    test: ['h2', 'h3', 'h4'],
    properties: { className: ['heading-anchor'], ariaLabel: 'Link to this section' },
    content: { type: 'text', value: '#' },
  })
  .use(rehypeStringify);

const TOC_DEPTHS = new Set(['h2', 'h3', 'h4']);
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'tableCell', 'code']);

/** Renders a note's Markdown to sanitized HTML and its table of contents. Pure. */
export function renderNote(markdown: string): RenderedNote {
  const mdast = markdownParser.runSync(markdownParser.parse(markdown)) as MdastRoot;
  const hast = htmlProcessor.runSync(mdast) as HastRoot;
  const headings: Heading[] = [];
  visit(hast, 'element', (node: Element) => {
    if (!TOC_DEPTHS.has(node.tagName) || typeof node.properties.id !== 'string') return;
    const text = hastToString({ ...node, children: node.children.filter((child) => !isAnchor(child)) }).trim();
    headings.push({ depth: Number(node.tagName.slice(1)), id: node.properties.id, text });
  });
  const related = findAuthoredRelated(hast);
  return { html: htmlProcessor.stringify(hast), headings, ...(related ? { related } : {}) };
}

const NOTE_LINK = /^\/notes\/([a-z0-9]+(?:-[a-z0-9]+)*)(?:[?#].*)?$/;

// Language-neutral on purpose ("Related notes", "Notes liées", "Notas relacionadas"): the last
// section qualifies by its shape — one flat list whose every item links to a note — not its title.
function findAuthoredRelated(hast: HastRoot): AuthoredRelated | undefined {
  const blocks = hast.children.filter((node): node is Element => node.type === 'element');
  const headingIndex = blocks.findLastIndex((node) => node.tagName === 'h2');
  const heading = blocks[headingIndex];
  const rest = blocks.slice(headingIndex + 1);
  const list = rest[0];
  if (!heading || typeof heading.properties.id !== 'string' || rest.length !== 1 || !list || !['ul', 'ol'].includes(list.tagName)) return undefined;
  const items = list.children.filter((node): node is Element => node.type === 'element');
  const slugs: string[] = [];
  for (const item of items) {
    let slug: string | undefined;
    let nested = false;
    visit(item, 'element', (node: Element) => {
      if (node.tagName === 'ul' || node.tagName === 'ol') nested = true;
      const match = node.tagName === 'a' && typeof node.properties.href === 'string' ? NOTE_LINK.exec(node.properties.href) : null;
      if (match && !slug) slug = match[1];
    });
    if (!slug || nested) return undefined;
    slugs.push(slug);
  }
  if (slugs.length === 0) return undefined;
  return {
    id: heading.properties.id,
    heading: hastToString({ ...heading, children: heading.children.filter((child) => !isAnchor(child)) }).trim(),
    slugs,
    itemsHtml: items.map((item) => htmlProcessor.stringify({ type: 'root', children: item.children })),
  };
}

/** The words of a note for the index: heading texts, plain text without markup or raw HTML, and its sections. Pure. */
export function extractSearchText(markdown: string): SearchText {
  const mdast = textParser.parse(markdown);
  const blocks: string[] = [];
  const headings: string[] = [];
  const sections: Array<{ id: string | undefined; heading: string; blocks: string[] }> = [{ id: undefined, heading: '', blocks: [] }];
  // The page numbers every heading, h1 to h6, once per page: do the same so each section's id is
  // the anchor the page renders.
  const headingId = createHeadingIds();
  visit(mdast, (node) => {
    if (!TEXT_BLOCKS.has(node.type)) return undefined;
    const text = mdastToString(node, { includeHtml: false, includeImageAlt: false });
    if (node.type === 'heading') {
      const depth = (node as { depth: number }).depth;
      const id = headingId(text);
      if (depth >= 2 && depth <= 4) {
        headings.push(text.trim());
        sections.push({ id, heading: text.trim(), blocks: [] });
        blocks.push(text);
        return SKIP;
      }
    }
    blocks.push(text);
    // A link to another note names that note's topic, not this section's: a "Related notes" list
    // made a note about online adverts match "phone evidence control" as well as the note on it.
    sections[sections.length - 1]!.blocks.push(mdastToString(withoutNoteLinks(node), { includeHtml: false, includeImageAlt: false }));
    return SKIP;
  });
  const join = (parts: string[]) => parts.filter((block) => block.trim() !== '').join('\n');
  return {
    headings,
    plainText: join(blocks),
    sections: sections
      .map(({ id, heading, blocks: parts }) => ({ id, heading, text: join(parts) }))
      .filter((section) => section.id !== undefined || section.text !== ''),
  };
}

/** A copy of an mdast node without its links to other notes (`/notes/…`). Pure. */
function withoutNoteLinks(node: MdastNode): MdastNode {
  if (!('children' in node)) return node;
  const children = (node.children as MdastNode[])
    .filter((child) => !(child.type === 'link' && (child as Link).url.startsWith('/notes/')))
    .map(withoutNoteLinks);
  return { ...node, children } as MdastNode;
}

function isAnchor(node: unknown): boolean {
  const element = node as Element;
  return (
    element.type === 'element' &&
    element.tagName === 'a' &&
    Array.isArray(element.properties.className) &&
    element.properties.className.includes('heading-anchor')
  );
}
