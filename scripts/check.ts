/**
 * npm run check [-- <paths>]: validates notes, collections, taxonomy and synonyms; prints every
 * problem as `<file>:<line>:<col>  error  <field>: <message>` and a hint. Exit 0 valid, 1 problems.
 * With `--links` it also prints what editors should revisit (authorities without a link and why,
 * stale tracker statuses, notes citing a check-history authority); the exit code does not change.
 */
import path from 'node:path';
import { buildKnowledgeBase } from '../server/content/build-knowledge-base.js';
import { formatProblem, isError, sortProblems } from '../server/content/content-problem.js';
import { readKnowledgeFiles, readMarkdownPaths } from '../server/knowledge/load-knowledge.js';
import { buildLinkReport } from '../server/content/link-report.js';
import { latestCalendarDate } from '../server/content/field-values.js';
import { loadConfig } from '../server/config.js';
import { formatLinkReport } from './format-link-report.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const started = performance.now();
  const config = loadConfig(process.env);
  const files = await readKnowledgeFiles(config.knowledgeDir);
  const args = process.argv.slice(2);
  const withLinks = args.includes('--links');
  const targets = await readMarkdownPaths(args.filter((arg) => arg !== '--links'));

  // Named files are checked against the whole knowledge base, so a new note's slug must not
  // collide with an existing one; only the named files' problems are reported.
  const targetPaths = new Set(targets.map((file) => path.resolve(file.path)));
  const isCollectionFile = (file: { path: string }) => path.resolve(file.path).startsWith(path.join(config.knowledgeDir, 'collections') + path.sep);
  const isAuthorityFile = (file: { path: string }) => /\.ya?ml$/i.test(file.path);
  if (targets.length > 0) {
    files.authorities = [...(files.authorities ?? []).filter((file) => !targetPaths.has(path.resolve(file.path))), ...targets.filter(isAuthorityFile)];
    files.notes = [
      ...files.notes.filter((file) => !targetPaths.has(path.resolve(file.path))),
      ...targets.filter((file) => !isCollectionFile(file) && !isAuthorityFile(file)),
    ];
    files.collections = [
      ...files.collections.filter((file) => !targetPaths.has(path.resolve(file.path))),
      ...targets.filter((file) => isCollectionFile(file) && !isAuthorityFile(file)),
    ];
  }
  const today = latestCalendarDate(new Date());
  const { problems, counts, knowledgeBase } = buildKnowledgeBase(files, today);
  const reported =
    targets.length === 0
      ? problems
      : problems.filter(
          (problem) =>
            targetPaths.has(path.resolve(problem.file)) || !/\.(md|ya?ml)$/.test(problem.file) || /(taxonomy|synonyms|about)\.yml$/.test(problem.file),
        );

  for (const problem of sortProblems(reported)) console.log(formatProblem(problem));
  if (withLinks && knowledgeBase) console.log(`${reported.length > 0 ? '\n' : ''}${formatLinkReport(buildLinkReport(knowledgeBase, today)).join('\n')}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const scope =
    targets.length > 0
      ? counted(targets.length, 'file')
      : `${counted(counts.notes, 'note')}, ${counted(counts.collections, 'collection')}, ${counted(files.authorities?.length ?? 0, 'authority', 'authorities')}, taxonomy and synonyms`;
  const errors = reported.filter(isError);
  const warnings = reported.length - errors.length;
  const warned = warnings > 0 ? `, ${counted(warnings, 'warning')}` : '';
  const homePages = counted(countHomePageUrls(reported), 'home-page URL');
  if (errors.length > 0) {
    const fileCount = new Set(errors.map((problem) => problem.file)).size;
    console.log(`\n✖ ${counted(errors.length, 'problem')} in ${counted(fileCount, 'file')}${warned}; ${homePages} (checked ${scope} in ${seconds} s)`);
    return 1;
  }
  console.log(`✔ no problems${warned}; ${homePages} (checked ${scope} in ${seconds} s)`);
  return 0;
});

// The summary is English only (a command for maintainers), so English's rule is the whole of it: one
// for exactly 1, other for every other count, 0 included.
function counted(count: number, one: string, other = `${one}s`): string {
  return `${count} ${count === 1 ? one : other}`;
}

/** URLs refused as a site's home page: the figure the authorities work is measured by. */
function countHomePageUrls(problems: readonly { message: string }[]): number {
  return problems.filter((problem) => problem.message.includes('home page')).length;
}
