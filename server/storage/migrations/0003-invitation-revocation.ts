/**
 * Version 3: an editor may withdraw an invitation before it is used (a link sent to the wrong
 * person). Columns on the invitation, not a row of their own: a revocation and a use are decided
 * under the invitation's row lock (network-store.ts), so a link is either used or withdrawn.
 */
export const INVITATION_REVOCATION = {
  version: 3,
  name: 'invitation revocation',
  sql: `
ALTER TABLE invitations
  ADD COLUMN revoked_at timestamptz,
  ADD COLUMN revoked_by text,
  ADD CONSTRAINT invitations_revoked_whole CHECK ((revoked_at IS NULL) = (revoked_by IS NULL));
`,
} as const;
