/**
 * npm run import-data [-- --from DIR]: imports a JSON DATA_DIR of the version before the database
 * (accounts, sessions, submissions, profiles, invitations, the audit log) into the database, and
 * says what it imported. Idempotent: what is already there is left as it is, so running it twice
 * adds nothing the second time. Files imported from DATA_DIR itself are then moved into
 * DATA_DIR/json-backup-<date>/; a --from directory (a backup, say) is left as it is.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { connectDatabase } from '../server/storage/connect-database.js';
import { describeImport, importJsonData, moveToBackup } from '../server/storage/import-json-data.js';
import { findJsonFiles } from '../server/storage/read-json-data.js';
import { runCli } from './run-cli.js';

const USAGE = 'Usage: npm run import-data [-- --from DIR]';

await runCli(async () => {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options: { from: { type: 'string' } }, allowPositionals: false, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  const config = loadConfig(process.env);
  const from = parsed.values.from ? path.resolve(parsed.values.from) : undefined;
  const source = from ? { dataDir: from, accountsFile: path.join(from, 'editors.json') } : { dataDir: config.dataDir, accountsFile: config.editorAccountsFile };
  const files = findJsonFiles(source);
  if (files.length === 0) {
    console.log(`No JSON files from before the database under ${source.dataDir}: nothing to import.`);
    return 0;
  }
  const database = await connectDatabase(config);
  try {
    const summary = await importJsonData(database.pool, source);
    if (!from) summary.backup = moveToBackup(files, source, new Date());
    console.log(describeImport(summary));
    return 0;
  } finally {
    await database.close();
  }
});
