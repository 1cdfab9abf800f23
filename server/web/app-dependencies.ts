import type { AccountStore } from '../accounts/account-store.js';
import type { SessionStore } from '../accounts/session-store.js';
import type { KnowledgeBase } from '../content/knowledge-base.js';
import type { AuditLog } from '../contribute/audit-log.js';
import type { SubmissionStore } from '../contribute/submission-store.js';
import type { Logger } from '../create-logger.js';
import type { KnowledgeSource } from '../knowledge/knowledge-source.js';
import type { NetworkStore } from '../network/network-store.js';
import type { NoteIndex } from '../search/note-index.js';
import type { InterfaceLanguage } from './i18n.js';
import type { NoteRenderer } from './note-renderer.js';

/** What the web app needs; main.ts builds these, tests pass fakes behind NoteIndex. */
export interface AppDependencies {
  noteIndex: NoteIndex;
  /** The knowledge base served now, from `knowledge`: handlers read it and never replace it. */
  readonly knowledgeBase: KnowledgeBase;
  /** Where the knowledge base and its history come from: its git branch (main.ts), or memory (view tests, the export). */
  knowledge: KnowledgeSource;
  /** Today's date, YYYY-MM-DD (UTC); injectable so tests do not depend on the calendar. */
  today: () => string;
  /** PUBLIC_URL: the origin used in permalinks, citations and feeds; else the request's own. */
  publicUrl?: string | undefined;
  /** TRUST_PROXY: which proxies may tell the client's address and protocol. */
  trustProxy?: boolean | number | string;
  /** Structured logs; one access-log line per request, with its request id. Silent when absent. */
  logger?: Logger;
  /** Requests per minute and client address on the search routes and the API. */
  searchRateLimit?: number;
  /** Renders note and submission bodies off the event loop, within budgets, with caches; built by createApp unless given. */
  renderer: NoteRenderer;
  /** The contribution workflow and accounts; /contribute, /login and /editor answer 404 without it. */
  contribute?: ContributeDependencies | undefined;
  /** The database behind `contribute`, for /readyz. */
  database?: { isHealthy(): Promise<boolean> } | undefined;
  /** Export mode: pages are rendered for an offline pack (npm run export), not served to a visitor. */
  pack?: PackMode | undefined;
  /** Where /downloads finds the packs (DOWNLOADS_DIR); the page lists none without it. */
  downloadsDir?: string | undefined;
  /** The current time; injectable so tests can age an invitation without waiting a week. */
  now?: () => Date;
}

/** How pages render for an offline pack: one interface language, the export date on every page, search in the browser. */
export interface PackMode {
  /** The export date, YYYY-MM-DD. */
  exportedOn: string;
  /** The pack's one interface language (a pack has no language switcher). */
  language: InterfaceLanguage;
  /** The live site's origin (PUBLIC_URL), for permalinks and the banner's link; none when unknown. */
  liveUrl?: string | undefined;
  /** The version of the knowledge the pack holds (its commit's id and date), when the knowledge is in git. */
  version?: { version: string; date: string } | undefined;
}

/** What contributions, accounts and editing need: the stores in the database (approvals are published through `knowledge`). */
export interface ContributeDependencies {
  submissions: SubmissionStore;
  audit: AuditLog;
  /** Members' and editors' accounts. */
  accounts: AccountStore;
  /** Sessions, as rows, so that signing out or removing an account ends them everywhere. */
  sessions: SessionStore;
  /** Signs CSRF tokens (a row of the database, the same on every replica). */
  csrfSecret: Buffer;
  /** The knowledge directory, where "Suggest an edit" reads a note's file as written. */
  knowledgeDir: string;
  /** Submissions sent per hour and client address (form and API together); rate-limits.ts has the default. */
  submissionRateLimit?: number;
  /** The practitioners' network (profiles and invitations); /network answers 404 without it. */
  network?: NetworkStore;
  /** Failed sign-ins (and refused invitation forms) per 15 minutes and client address; rate-limits.ts has the default. */
  loginRateLimit?: number;
}

/** What createApp takes: the dependencies, with defaults for the clock and renderer, and either a live knowledge source or one knowledge base. */
export type AppInput = Omit<AppDependencies, 'today' | 'renderer' | 'knowledgeBase' | 'knowledge'> &
  Partial<Pick<AppDependencies, 'today' | 'renderer'>> &
  ({ knowledge: KnowledgeSource; knowledgeBase?: undefined } | { knowledgeBase: KnowledgeBase; knowledge?: undefined });
