/**
 * Version 4: each version of a suggested edit records the version of the note it was written
 * against (the note's latest commit when the contributor opened the form, or resent it), so an
 * approval that would undo a change made since is refused instead of silently overwriting it.
 * Nullable: texts stored before it, and new notes, have none.
 */
export const EDIT_BASE = {
  version: 4,
  name: 'edit base version',
  sql: `
ALTER TABLE submission_versions ADD COLUMN edit_base text CHECK (edit_base ~ '^[0-9a-f]{12}$');
`,
} as const;
