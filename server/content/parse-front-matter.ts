import { isUtf8 } from 'node:buffer';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml';
import type { ContentProblem } from './content-problem.js';

/** Caps that keep a hostile file from costing more than a few milliseconds. */
export const MAX_FILE_BYTES = 256 * 1024;
export const MAX_FRONT_MATTER_BYTES = 16 * 1024;

/** A path into the front matter: keys and list indexes, as zod reports them. */
export type FieldPath = readonly PropertyKey[];

/** A Markdown file split into its YAML front matter (as plain data) and its body. */
export interface FrontMatterFile {
  file: string;
  /** The front matter as plain JSON-like data: no aliases, no tags, dates kept as strings. */
  data: Record<string, unknown>;
  /** The Markdown after the closing `---`, with LF line endings. */
  body: string;
  /** 1-based line of the body's first line in the original file. */
  bodyLine: number;
  /** Where a field's key (`key`) or value (`value`) starts; falls back to the nearest parent. */
  locate(path: FieldPath, part?: 'key' | 'value'): { line: number; column: number };
}

const OPENER = '---';

/**
 * Splits and parses a Markdown file with YAML front matter. Only YAML is accepted; other front-matter
 * languages are reported, never evaluated. Invalid UTF-8, a missing or unclosed block, YAML errors,
 * anchors/aliases and custom tags are located problems.
 */
export function parseFrontMatter(file: string, bytes: Uint8Array): FrontMatterFile | ContentProblem[] {
  const at = (line: number, column: number, field: string, message: string, hint?: string): ContentProblem[] => [
    { file, line, column, field, message, ...(hint ? { hint } : {}) },
  ];

  if (bytes.byteLength > MAX_FILE_BYTES) {
    return at(1, 1, 'file', `is ${bytes.byteLength} bytes; the limit is ${MAX_FILE_BYTES}`, 'split the note into smaller notes');
  }
  const decoded = decodeUtf8(bytes);
  if (typeof decoded !== 'string') {
    const { line, column } = positionOfByte(bytes, decoded.invalidAt);
    return at(
      line,
      column,
      'file',
      `is not valid UTF-8 (bad byte 0x${bytes[decoded.invalidAt]?.toString(16).padStart(2, '0')})`,
      'save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8)',
    );
  }
  const text = decoded.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const first = lines[0] ?? '';

  if (first.trimEnd() !== OPENER) {
    if (first.startsWith(OPENER) && first.slice(3).trim() !== '') {
      const language = first.slice(3).trim();
      return at(
        1,
        4,
        'front matter',
        `is declared as "${language}"; only YAML front matter is accepted`,
        'remove the language after the opening --- and write the fields in YAML',
      );
    }
    if (first.trimEnd() === '+++') {
      return at(1, 1, 'front matter', 'is TOML (+++); only YAML front matter between --- lines is accepted', 'rewrite the block in YAML between --- lines');
    }
    return at(
      1,
      1,
      'front matter',
      'is missing: the file must start with a line containing only ---',
      'start the file with ---, the fields (title: …), then a closing --- line',
    );
  }

  const closing = lines.findIndex((line, index) => index > 0 && line.trimEnd() === OPENER);
  if (closing === -1) {
    return at(1, 1, 'front matter', 'is not closed: no second --- line was found', 'add a line containing only --- after the last field');
  }
  const yamlText = lines.slice(1, closing).join('\n');
  if (Buffer.byteLength(yamlText) > MAX_FRONT_MATTER_BYTES) {
    return at(
      2,
      1,
      'front matter',
      `is ${Buffer.byteLength(yamlText)} bytes; the limit is ${MAX_FRONT_MATTER_BYTES}`,
      'move long text from the front matter into the body',
    );
  }

  const parsed = parseYaml(file, yamlText, 1, 'front matter');
  if (Array.isArray(parsed)) return parsed;
  return { ...parsed, body: lines.slice(closing + 1).join('\n'), bodyLine: closing + 2 };
}

/** Parses a whole YAML file (taxonomy.yml, synonyms.yml) with the same safe settings as front matter. */
export function parseYamlFile(file: string, bytes: Uint8Array): YamlData | ContentProblem[] {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    return [{ file, line: 1, column: 1, field: 'file', message: `is ${bytes.byteLength} bytes; the limit is ${MAX_FILE_BYTES}` }];
  }
  const decoded = decodeUtf8(bytes);
  if (typeof decoded !== 'string') {
    const { line, column } = positionOfByte(bytes, decoded.invalidAt);
    return [{ file, line, column, field: 'file', message: 'is not valid UTF-8', hint: 'save the file as UTF-8' }];
  }
  return parseYaml(file, decoded.replace(/\r\n?/g, '\n'), 0, 'yaml');
}

/** Parsed YAML data with a way back to the line and column of any field. */
export type YamlData = Pick<FrontMatterFile, 'file' | 'data' | 'locate'>;

/** Parses YAML text that starts `lineOffset` lines into its file: no aliases, no tags, unique keys, dates as strings. */
function parseYaml(file: string, yamlText: string, lineOffset: number, scope: string): YamlData | ContentProblem[] {
  const at = (line: number, column: number, field: string, message: string, hint?: string): ContentProblem[] => [
    { file, line, column, field, message, ...(hint ? { hint } : {}) },
  ];
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false, strict: true });
  const toPosition = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + lineOffset, column: pos.col };
  };

  const problems: ContentProblem[] = [];
  for (const issue of [...doc.errors, ...doc.warnings]) {
    const { line, column } = toPosition(issue.pos[0]);
    problems.push({
      file,
      line,
      column,
      field: scope,
      message: `is not valid YAML: ${firstLine(issue.message)}`,
      hint: issue.code === 'DUPLICATE_KEY' ? 'each field may appear only once' : yamlHint(issue.code),
    });
  }
  // One report is enough: an alias bomb has hundreds of aliases. Unknown tags (!!js/function)
  // already arrive as warnings from the core schema.
  let aliases = 0;
  visit(doc, {
    Alias(_, node) {
      if (aliases++ === 0) {
        const { line, column } = toPosition(node.range?.[0] ?? 0);
        problems.push({
          file,
          line,
          column,
          field: scope,
          message: 'uses a YAML alias (*name); aliases are not accepted',
          hint: 'write the value out in full instead of referring to an anchor (&name)',
        });
      }
      return visit.SKIP;
    },
  });
  if (problems.length > 0) return dedupe(problems);

  if (!isMap(doc.contents)) {
    return at(1 + lineOffset, 1, scope, 'must be a list of fields (key: value), one per line', 'write each field as name: value');
  }
  const data = doc.toJS({ maxAliasCount: 0 }) as Record<string, unknown>;

  const locate = (path: FieldPath, part: 'key' | 'value' = 'value') => {
    let node: unknown = doc.contents;
    let best = 0;
    for (const [i, segment] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
        if (!pair) break;
        const keyNode = pair.key as Node;
        best = keyNode.range?.[0] ?? best;
        if (i === path.length - 1 && part === 'key') break;
        node = pair.value;
        best = (node as Node | null)?.range?.[0] ?? best;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
        node = node.items[segment];
        best = (node as Node).range?.[0] ?? best;
      } else {
        break;
      }
    }
    return toPosition(best);
  };

  return { file, data, locate };
}

function yamlHint(code: string): string {
  if (code === 'TAG_RESOLVE_FAILED') return 'remove the tag (!!…) and write a plain value';
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR') return 'check the indentation and that each list item starts with "- "';
  return 'quote text values that contain ": " or start with a special character such as [ { * & ! | > \' " % @ `';
}

const firstLine = (message: string) => message.split('\n')[0] ?? message;

function dedupe(problems: ContentProblem[]): ContentProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes strictly (a BOM is dropped); on failure returns the offset of the first bad byte.
 * Validation is node:buffer's isUtf8 and decoding Buffer#toString: the strings TextDecoder made kept
 * the whole file's bytes alive behind every note body (92 MB for 10,000 notes).
 */
function decodeUtf8(bytes: Uint8Array): string | { invalidAt: number } {
  if (!isUtf8(bytes)) return { invalidAt: findInvalidUtf8(bytes) };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// TextDecoder says only that the input is invalid; a contributor needs to know where.
function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const size = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (size === 0) return i;
    try {
      strictDecoder.decode(bytes.subarray(i, i + size));
    } catch {
      return i;
    }
    i += size;
  }
  return Math.max(0, bytes.length - 1);
}

function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
