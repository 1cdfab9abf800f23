import { describe, expect, it } from 'vitest';
import { renderNote } from '../../../server/content/render-note.js';
import { withoutAuthoredRelated } from '../../../server/web/view-models/note-page.js';

describe("the author's related-notes list", () => {
  it('is found in a last section that only lists links to notes, whatever the language of its heading', () => {
    const rendered = renderNote(
      '## Qué hacer\n\nAlgo.\n\n## Notas relacionadas\n\n- [Mosaico](/notes/mosaico-de-pruebas) — en español\n- [Labour](/notes/labour-inspection-records#how-to-do-it)\n',
    );
    expect(rendered.related).toEqual({
      id: 'notas-relacionadas',
      heading: 'Notas relacionadas',
      slugs: ['mosaico-de-pruebas', 'labour-inspection-records'],
      itemsHtml: ['<a href="/notes/mosaico-de-pruebas">Mosaico</a> — en español', '<a href="/notes/labour-inspection-records#how-to-do-it">Labour</a>'],
    });
    // The page shows it as the start of its one list; the body keeps everything before it.
    expect(withoutAuthoredRelated(rendered)).toBe(rendered.html.slice(0, rendered.html.indexOf('<h2 id="notas-relacionadas"')).trimEnd());
    expect(withoutAuthoredRelated(rendered)).toContain('Algo.');
  });

  it('is not found when the last section says more than a list, links elsewhere, or is not last', () => {
    expect(renderNote('## Related notes\n\nSee also:\n\n- [A](/notes/a)\n').related).toBeUndefined();
    expect(renderNote('## Related notes\n\n- [A](https://example.org/notes/a)\n').related).toBeUndefined();
    expect(renderNote('## Related notes\n\n- [A](/notes/a)\n\n## Sources\n\nText.\n').related).toBeUndefined();
    expect(renderNote('## Related notes\n\n- [A](/notes/a)\n  - [B](/notes/b)\n').related).toBeUndefined();
    const plain = renderNote('## What to do\n\nText.\n');
    expect(withoutAuthoredRelated(plain)).toBe(plain.html);
  });
});
