/*
 * Meilisearch returns highlighted text with the stored characters unescaped, and a crop may cut a
 * tag in half. So we ask for sentinel marks that cannot occur in notes, escape everything, and only
 * then turn the sentinels into <mark>.
 */

/** Sent as highlightPreTag / highlightPostTag. Control characters never appear in validated text. */
export const HIGHLIGHT_PRE = '\u0002';
export const HIGHLIGHT_POST = '\u0003';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** Escapes engine output, then turns sentinel pairs into <mark>…</mark>; stray sentinels are dropped. */
export function toSafeHighlight(text: string): string {
  const escaped = escapeHtml(text);
  let html = '';
  let open = false;
  for (const char of escaped) {
    if (char === HIGHLIGHT_PRE && !open) {
      html += '<mark>';
      open = true;
    } else if (char === HIGHLIGHT_POST && open) {
      html += '</mark>';
      open = false;
    } else if (char !== HIGHLIGHT_PRE && char !== HIGHLIGHT_POST) {
      html += char;
    }
  }
  return open ? `${html}</mark>` : html;
}
