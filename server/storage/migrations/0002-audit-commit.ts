/**
 * Version 2: an audit row may name the git commit an approval became (knowledge in git), so the
 * log and the knowledge history can be joined. Nullable: rows before it, and rows that are not
 * publications, have none.
 */
export const AUDIT_COMMIT = {
  version: 2,
  name: 'audit commit id',
  sql: `
ALTER TABLE audit_log ADD COLUMN commit_id text CHECK (commit_id ~ '^[0-9a-f]{7,64}$');
`,
} as const;
