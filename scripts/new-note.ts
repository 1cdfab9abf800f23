/**
 * npm run new-note -- "<title>": writes a valid draft skeleton under KNOWLEDGE_DIR/notes and prints
 * its path. Never overwrites: a taken name gets -2, -3…
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildNoteSkeleton } from '../server/content/note-skeleton.js';
import { slugify } from '../server/content/slugify.js';
import { loadConfig } from '../server/config.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const title = process.argv.slice(2).join(' ').trim();
  if (title.length < 10 || title.length > 160) {
    console.error('Usage: npm run new-note -- "<title of 10 to 160 characters>"');
    return 1;
  }
  const config = loadConfig(process.env);
  const slug = slugify(title);
  if (!slug) {
    console.error('The title has no letters or digits to make a file name from; add a few Latin-script words.');
    return 1;
  }
  // The author's own calendar date: Swedish locale formatting is YYYY-MM-DD.
  const content = buildNoteSkeleton(title, new Date().toLocaleDateString('sv'));
  for (let attempt = 1; ; attempt++) {
    const file = path.join(config.knowledgeDir, 'notes', `${attempt === 1 ? slug : `${slug}-${attempt}`}.md`);
    try {
      writeFileSync(file, content, { flag: 'wx' });
      console.log(path.relative(process.cwd(), file));
      return 0;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
});
