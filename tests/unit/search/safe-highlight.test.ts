import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, toSafeHighlight } from '../../../server/search/safe-highlight.js';

const mark = (text: string) => `${HIGHLIGHT_PRE}${text}${HIGHLIGHT_POST}`;

describe('toSafeHighlight', () => {
  it('escapes stored markup before marking the matched words', () => {
    expect(toSafeHighlight(`Use ${mark('phone')} <script>alert("x")</script>`)).toBe(
      'Use <mark>phone</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;',
    );
  });

  it('escapes a tag cut in half by the crop', () => {
    expect(toSafeHighlight(`${mark('rollout')} <img src=x oner`)).toBe('<mark>rollout</mark> &lt;img src=x oner');
  });

  it('closes a mark left open by the crop and drops stray closing sentinels', () => {
    expect(toSafeHighlight(`${HIGHLIGHT_POST}a ${HIGHLIGHT_PRE}b`)).toBe('a <mark>b</mark>');
  });

  it('never lets a literal <mark> in a note through as markup', () => {
    expect(toSafeHighlight('<mark>fake</mark>')).toBe('&lt;mark&gt;fake&lt;/mark&gt;');
  });
});
