/**
 * npm run export -- --out DIR [--jurisdiction CODE…] [--language CODE…] [--zip] [--print]
 * npm run export -- --downloads [--only all,KE,…]   (the packs /downloads lists, zipped into DOWNLOADS_DIR)
 * A static offline copy of the published knowledge base with client-side search (docs/contract.md §5).
 * Exit 0 written · 1 bad arguments (or content problems, or an output folder it will not empty).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem, sortProblems } from '../server/content/content-problem.js';
import { isJurisdictionCode, suggestJurisdiction } from '../server/content/jurisdictions.js';
import { loadKnowledge } from '../server/knowledge/load-knowledge.js';
import { isLanguageCode } from '../server/content/field-values.js';
import { loadConfig } from '../server/config.js';
import { buildHistory, knowledgeHistoryOf } from '../server/knowledge/knowledge-history.js';
import { findGitStore } from '../server/knowledge/open-git-store.js';
import { commitDate } from '../server/web/view-models/history-pages.js';
import { listJurisdictions } from '../server/export/pack-pages.js';
import { parseExportArguments } from '../server/export/parse-export-arguments.js';
import { PackDirectoryError, writePack, type PackSummary } from '../server/export/write-pack.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const parsed = parseExportArguments(process.argv.slice(2), { isJurisdictionCode, isLanguageCode, suggestJurisdiction });
  if ('error' in parsed) {
    console.error(
      `✖ ${parsed.error}\n\nusage: npm run export -- --out DIR [--jurisdiction CODE…] [--language CODE…] [--zip] [--print]\n       npm run export -- --downloads`,
    );
    return 1;
  }
  const config = loadConfig(process.env);
  const { knowledgeBase, problems } = await loadKnowledge(config.knowledgeDir);
  if (problems.length > 0 || !knowledgeBase) {
    for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
    console.error(`\n✖ ${problems.length} content problem${problems.length === 1 ? '' : 's'}: nothing was exported. Run npm run check after fixing them.`);
    return 1;
  }
  const exportedOn = new Date().toISOString().slice(0, 10);
  // In git, a pack names the version it holds and each page its last update (read-only: nothing is committed here).
  const store = await findGitStore(config.knowledgeDir);
  const index = store ? await buildHistory(store, await store.head()) : undefined;
  const history = store && index ? knowledgeHistoryOf(store, config.knowledgeDir, () => index) : undefined;
  const head = index?.head();
  const version = head ? { version: head.version, date: commitDate(head) } : undefined;
  const common = {
    knowledgeBase,
    language: parsed.interfaceLanguage,
    exportedOn,
    liveUrl: config.publicUrl,
    log: (line: string) => console.log(line),
    history,
    version,
  };

  try {
    if (parsed.downloads) {
      // Each pack is built in a scratch folder beside the zips, zipped, and the folder removed: /downloads serves the zips only.
      await mkdir(config.downloadsDir, { recursive: true });
      const scopes = [
        { name: 'all', jurisdictions: [] as string[] },
        ...listJurisdictions(knowledgeBase)
          .filter((code) => code !== 'INT')
          .map((code) => ({ name: code, jurisdictions: [code] })),
      ].filter((scope) => parsed.only.length === 0 || parsed.only.includes(scope.name));
      for (const { name, jurisdictions } of scopes) {
        const outDir = path.join(config.downloadsDir, `casebook-${name}`);
        const summary = await writePack({ ...common, scope: { jurisdictions, languages: parsed.languages }, outDir, zip: true });
        await rm(outDir, { recursive: true, force: true });
        // Beside the zip, the version it holds: the server rebuilds packs whose version is behind.
        if (version) await writeFile(path.join(config.downloadsDir, `casebook-${name}.json`), `${JSON.stringify(version)}\n`);
        report(summary);
      }
      return 0;
    }
    report(
      await writePack({
        ...common,
        scope: { jurisdictions: parsed.jurisdictions, languages: parsed.languages },
        outDir: parsed.out!,
        zip: parsed.zip,
        printAll: parsed.print,
      }),
    );
    return 0;
  } catch (error) {
    if (error instanceof PackDirectoryError) {
      console.error(`✖ ${error.message}`);
      return 1;
    }
    throw error;
  }
});

function report(summary: PackSummary): void {
  if (summary.searchSkipped)
    console.log(
      `! no search in this pack: ${summary.searchSkipped}. Install the optional dependency @pagefind/linux-x64 (npm install) or set PAGEFIND_EXTENDED_BINARY_PATH.`,
    );
  const zip = summary.zipPath ? `; ${summary.zipPath} (${(summary.zipBytes! / 1_000_000).toFixed(2)} MB)` : '';
  console.log(`✔ exported ${summary.notes} notes as ${summary.pages} pages in ${summary.seconds.toFixed(2)} s${zip}`);
}
