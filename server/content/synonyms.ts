import { z } from 'zod';
import type { ContentProblem } from './content-problem.js';
import type { YamlData } from './parse-front-matter.js';
import { zodIssueToProblem } from './zod-issue-to-problem.js';

/** Groups of search terms that find each other (knowledge/synonyms.yml). */
export type SynonymGroups = string[][];

const synonymsFile = z.strictObject({
  groups: z.array(z.array(z.string().trim().min(1).max(100)).min(2, 'a group needs at least two terms')).max(2000),
});

/** Reads synonyms.yml into lower-cased groups of equivalent terms, or located problems. */
export function parseSynonyms(parsed: YamlData): SynonymGroups | ContentProblem[] {
  const result = synonymsFile.safeParse(parsed.data, { reportInput: true });
  if (!result.success) return result.error.issues.flatMap((issue) => zodIssueToProblem(issue, parsed, { knownFields: ['groups'] }));
  return result.data.groups.map((group) => [...new Set(group.map((term) => term.toLowerCase()))]);
}
