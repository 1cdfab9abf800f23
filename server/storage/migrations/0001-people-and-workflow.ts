/**
 * Version 1: accounts, sessions, submissions with their versions and history, profiles,
 * invitations, the audit log and a few settings. Constraints carry the rules a lock file used to:
 * a username, a session, an invitation's use and a submission id are each unique; the audit log
 * refuses every UPDATE, DELETE and TRUNCATE.
 */
export const PEOPLE_AND_WORKFLOW = {
  version: 1,
  name: 'people and workflow',
  sql: `
CREATE TABLE settings (
  name text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE accounts (
  username text PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
  role text NOT NULL CHECK (role IN ('member', 'editor')),
  password_salt text NOT NULL,
  password_hash text NOT NULL,
  password_params jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  username text NOT NULL REFERENCES accounts ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_username ON sessions (username);

CREATE TABLE submissions (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{22}$'),
  created_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'changes_requested', 'approved', 'rejected')),
  submitter_name text NOT NULL,
  submitter_email text NOT NULL DEFAULT '',
  edit_of text,
  comment text,
  published_as text
);
CREATE INDEX submissions_by_creation ON submissions (created_at DESC);

CREATE TABLE submission_versions (
  submission_id text NOT NULL REFERENCES submissions ON DELETE CASCADE,
  number integer NOT NULL CHECK (number >= 1),
  markdown text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (submission_id, number)
);

CREATE TABLE submission_events (
  submission_id text NOT NULL REFERENCES submissions ON DELETE CASCADE,
  number integer NOT NULL,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL CHECK (action IN ('submitted', 'resubmitted', 'approved', 'changes_requested', 'rejected')),
  comment text,
  PRIMARY KEY (submission_id, number)
);

CREATE TABLE profiles (
  handle text PRIMARY KEY,
  display_name text NOT NULL,
  position text NOT NULL DEFAULT '',
  organisation text NOT NULL DEFAULT '',
  jurisdictions text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{}',
  expertise text[] NOT NULL DEFAULT '{}',
  bio text NOT NULL DEFAULT '',
  contact_email text NOT NULL DEFAULT '',
  contact_phone text NOT NULL DEFAULT '',
  contact_other text NOT NULL DEFAULT '',
  visibility text NOT NULL CHECK (visibility IN ('members', 'public')),
  updated_at timestamptz NOT NULL
);

CREATE TABLE invitations (
  id text PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  label text NOT NULL DEFAULT ''
);
-- One row per use, keyed by the invitation: a second use of one link is a primary-key violation.
CREATE TABLE invitation_uses (
  invitation_id text PRIMARY KEY REFERENCES invitations ON DELETE CASCADE,
  used_by text NOT NULL,
  used_at timestamptz NOT NULL
);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  submission_id text,
  note text,
  detail text,
  -- Set only on rows read from a JSON audit.log, so importing it twice adds nothing.
  import_key text UNIQUE
);
CREATE INDEX audit_log_by_submission ON audit_log (submission_id) WHERE submission_id IS NOT NULL;

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_log_never_truncated BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
`,
} as const;
