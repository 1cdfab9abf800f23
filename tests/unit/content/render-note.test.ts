import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../server/content/parse-front-matter.js';
import { extractSearchText, renderNote } from '../../../server/content/render-note.js';
import { readFixture } from '../../fixtures/fixture-files.js';

function renderFixture(relativePath: string) {
  const file = readFixture(relativePath);
  const parsed = parseFrontMatter(file.path, file.bytes);
  if (Array.isArray(parsed)) throw new Error(JSON.stringify(parsed));
  return renderNote(parsed.body);
}

describe('renderNote', () => {
  it('never lets a heading take over an id the page itself uses, and keeps every other section link as it was', () => {
    const { headings } = renderNote('## cb citation\n\n## cb main\n\n## f title\n\n## What to do\n');
    expect(headings.map((heading) => heading.id)).toEqual(['user-content-cb-citation', 'user-content-cb-main', 'user-content-f-title', 'what-to-do']);
  });

  it('drops raw HTML and every script-capable link', () => {
    const { html } = renderFixture('hostile/dangerous-body.md');
    expect(html).not.toMatch(/<script|onerror|<img src="x"/i);
    expect(html).not.toMatch(/javascript:|vbscript:|data:text/i);
    expect(html).toContain('<a href="https://www.unodc.org/">a safe link</a>');
  });

  it('keeps footnote links working', () => {
    const { html } = renderFixture('hostile/dangerous-body.md');
    const target = /href="#(user-content-fn-1)"/.exec(html)?.[1];
    expect(target).toBeDefined();
    expect(html).toContain(`id="${target}"`);
  });

  it('gives every heading an id and a visible link to it, and lists h2–h4 in the table of contents', () => {
    const { html, headings } = renderNote('## What to do\n\ntext\n\n### Step one: seize the phone\n\n## What to do\n');
    expect(headings).toEqual([
      { depth: 2, id: 'what-to-do', text: 'What to do' },
      { depth: 3, id: 'step-one-seize-the-phone', text: 'Step one: seize the phone' },
      { depth: 2, id: 'what-to-do-1', text: 'What to do' },
    ]);
    expect(html).toContain('<h2 id="what-to-do">What to do<a class="heading-anchor" aria-label="Link to this section" href="#what-to-do">#</a></h2>');
  });

  it('keeps accented heading text in its anchor', () => {
    expect(renderNote('## Qué hacer\n').headings[0]?.id).toBe('qué-hacer');
  });

  it('gives the index plain text without markup or raw HTML, one block per line, and the heading texts', () => {
    const { plainText, headings } = extractSearchText(
      '## Title\n\nA **bold** [link](https://example.org) <img src=x onerror=alert(1)>.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n',
    );
    // Without GFM (cheaper for the index) a table is one paragraph; its words are all there.
    expect(plainText).toBe('Title\nA bold link .\none\ntwo\n| a | b |\n|---|---|\n| c | d |');
    expect(headings).toEqual(['Title']);
  });

  it('renders GFM tables', () => {
    expect(renderNote('| a | b |\n|---|---|\n| 1 | 2 |\n').html).toContain('<table>');
  });
});

describe('extractSearchText sections', () => {
  it('cut the body at h2–h4 headings, with the same anchors the page renders', () => {
    const markdown =
      "# Title\n\nIntro.\n\n## What to do\n\nAct *now*.\n\n### The victim's phone\n\nAsk.\n\n## What to do\n\nAgain.\n\n##### Deep\n\nStill here.\n";
    const { sections } = extractSearchText(markdown);
    expect(sections.map((section) => section.id)).toEqual([undefined, ...renderNote(markdown).headings.map((heading) => heading.id)]);
    expect(sections.map((section) => [section.heading, section.text])).toEqual([
      ['', 'Title\nIntro.'],
      ['What to do', 'Act now.'],
      ["The victim's phone", 'Ask.'],
      ['What to do', 'Again.\nDeep\nStill here.'],
    ]);
  });

  it("leave out the words of links to other notes, which name their topics, not this section's", () => {
    const { sections, plainText } = extractSearchText(
      '## Related notes\n\n- [Phone extraction: evidence of control](/notes/phone-extraction-evidence-of-control)\n- See [the Protocol](https://example.org/protocol) and [Rantsev](/authorities/rantsev-v-cyprus-and-russia).\n',
    );
    expect(sections).toEqual([{ id: 'related-notes', heading: 'Related notes', text: 'See the Protocol and Rantsev.' }]);
    expect(plainText).toContain('Phone extraction');
  });

  it("give a heading in the page's own id namespaces the same guarded anchor the page renders", () => {
    const markdown = '## cb citation\n\nText.\n\n## f-q\n\nMore.\n';
    const ids = extractSearchText(markdown).sections.map((section) => section.id);
    expect(ids).toEqual(renderNote(markdown).headings.map((heading) => heading.id));
    expect(ids).toEqual(['user-content-cb-citation', 'user-content-f-q']);
  });
});
