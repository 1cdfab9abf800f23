/** One located problem in a content file: where, what, and how to fix it. */
export interface ContentProblem {
  /** Path of the file, as the user passed it or relative to the working directory. */
  file: string;
  /** 1-based line and column of the offending key or value. */
  line: number;
  column: number;
  /** Dotted field path (`sources.0.url`), or a pseudo-field such as `front matter` or `file`. */
  field: string;
  /** What is wrong: expected versus actual. */
  message: string;
  /** How to fix it. */
  hint?: string;
  /** A warning is reported but does not fail `npm run check` or keep a note from being published. */
  severity?: 'error' | 'warning';
  /**
   * What kind of problem this is, for readers who are not developers: the contribution form turns
   * (field, kind) into a plain sentence in their language instead of showing `message`.
   */
  kind?: ProblemKind;
}

/** The kinds of problem the contribution form words for contributors (server/web/view-models/form-problems.ts). */
export type ProblemKind =
  | 'missing'
  | 'too_short'
  | 'too_long'
  | 'empty_list'
  | 'not_allowed'
  | 'wrong_type'
  | 'unknown_field'
  | 'invalid'
  | 'taken'
  | 'broken_link'
  /** Already worded for readers, in their language (the render budget's refusals): shown as it is. */
  | 'explained';

/** Formats a problem as the contract's `<file>:<line>:<col>  error  <field>: <message>` plus a hint line. */
export function formatProblem(problem: ContentProblem): string {
  const head = `${problem.file}:${problem.line}:${problem.column}  ${problem.severity ?? 'error'}  ${problem.field}: ${problem.message}`;
  return problem.hint ? `${head}\n    hint: ${problem.hint}` : head;
}

/** Orders problems by file, then position, so output is stable and reads top to bottom. */
export function sortProblems(problems: readonly ContentProblem[]): ContentProblem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** True when a problem fails the check (everything but warnings). */
export function isError(problem: ContentProblem): boolean {
  return problem.severity !== 'warning';
}
