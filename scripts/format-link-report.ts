import type { LinkReport } from '../server/content/link-report.js';

/** The lines `npm run check -- --links` prints: three lists, each with a heading and a count. */
export function formatLinkReport(report: LinkReport): string[] {
  const share = report.authorities === 0 ? 0 : (100 * report.linked) / report.authorities;
  const lines = [`Links: ${report.linked} of ${report.authorities} authorities have a url (${share.toFixed(1)} %); ${report.unlinked.length} without:`];
  for (const authority of report.unlinked) {
    lines.push(`  ${authority.file}  ${authority.reason ?? 'gives no reason: say in its summary why there is no link'}`);
  }

  lines.push('', `Tracker statuses confirmed before ${report.staleBefore} (older than 18 months): ${report.stale.length}`);
  for (const entry of report.stale) lines.push(`  ${entry.file}  ${entry.jurisdiction} ${entry.status}, as_of ${entry.asOf}`);

  lines.push('', `Published notes citing a check-history authority: ${report.checkHistory.length}`);
  for (const citation of report.checkHistory) lines.push(`  ${citation.slug} cites ${citation.authority}`);
  return lines;
}
