/** npm run docs: writes CONTRIBUTING.md from the field list and knowledge/taxonomy.yml. */
import { writeFileSync } from 'node:fs';
import { buildContributingGuide } from '../server/content/contributing-guide.js';
import { loadKnowledge } from '../server/knowledge/load-knowledge.js';
import { loadConfig } from '../server/config.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const { knowledgeBase } = await loadKnowledge(loadConfig(process.env).knowledgeDir);
  if (!knowledgeBase) {
    console.error('knowledge/taxonomy.yml has problems: run npm run check');
    return 1;
  }
  writeFileSync('CONTRIBUTING.md', buildContributingGuide(knowledgeBase.taxonomy));
  console.log('wrote CONTRIBUTING.md');
  return 0;
});
