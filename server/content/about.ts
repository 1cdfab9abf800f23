import { z } from 'zod';
import type { ContentProblem } from './content-problem.js';
import type { YamlData } from './parse-front-matter.js';
import { zodIssueToProblem } from './zod-issue-to-problem.js';

/** One headline figure with its source (knowledge/about.yml). */
export interface Figure {
  value: number;
  unit: string | undefined;
  year: number | undefined;
  label: Record<string, string>;
  source: string;
  url: string | undefined;
}

/** The home page's "why this exists": a short text per language and sourced figures. */
export interface About {
  why: Record<string, string>;
  figures: Figure[];
}

const aboutFile = z.strictObject({
  why: z.record(z.string(), z.string().min(20).max(1000)),
  figures: z
    .array(
      z.strictObject({
        value: z.number(),
        unit: z.string().max(10).optional(),
        year: z.number().int().min(1900).max(2100).optional(),
        label: z.record(z.string(), z.string().min(3).max(300)),
        source: z.string().min(5).max(300),
        url: z.url({ protocol: /^https?$/ }).optional(),
      }),
    )
    .max(12),
});

/** Reads about.yml, or located problems. */
export function parseAbout(parsed: YamlData): About | ContentProblem[] {
  const result = aboutFile.safeParse(parsed.data, { reportInput: true });
  if (!result.success) return result.error.issues.flatMap((issue) => zodIssueToProblem(issue, parsed, { knownFields: ['why', 'figures'] }));
  return { why: result.data.why, figures: result.data.figures.map((figure) => ({ ...figure, unit: figure.unit, year: figure.year, url: figure.url })) };
}
