import { describe, expect, it } from 'vitest';
import fr from '../../../server/web/messages/fr.json' with { type: 'json' };
import { createTranslator } from '../../../server/web/i18n.js';

const NARROW_NO_BREAK_SPACE = '\u202f';

describe('French messages follow French typography', () => {
  it('put a narrow no-break space, never a plain or breaking one, before : ; ! ? and inside « »', () => {
    const wrong = Object.entries(fr as Record<string, string>)
      .filter(([, message]) => /[ \u00a0][:;!?»]|«[ \u00a0]|[^\s\u202f(\[{][;!?»]|[^\s\u202f/\d{(\[]:(?!\/)/.test(message.replace(/https?:\/\/\S+/g, '')))
      .map(([key, message]) => `${key}: ${message}`);
    expect(wrong).toEqual([]);
  });

  it("label-and-colon pairs in pages use the language's own colon", () => {
    expect(createTranslator('fr')('punctuation.colon')).toBe(`${NARROW_NO_BREAK_SPACE}:`);
    expect(createTranslator('en')('punctuation.colon')).toBe(':');
    expect(createTranslator('es')('punctuation.colon')).toBe(':');
  });
});
