import type { Translate } from '../i18n.js';

/** Links to the pages of a long list: previous, next, up to five numbers around the current one. */
export interface PaginationModel {
  page: number;
  totalPages: number;
  label: string;
  previousUrl?: string;
  nextUrl?: string;
  pages: Array<{ number: number; url: string; current: boolean }>;
}

/** The largest page number read from a query string: anything larger is past the end of any list. */
const MAX_PAGE = 100_000;

/** `?page=` as a page number: a positive integer, else 1 (a hostile or mistyped value shows the first page). */
export function parsePage(raw: unknown): number {
  const value = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return Math.min(Math.max(1, value), MAX_PAGE);
}

/** One page of `items` (`size` a page) and the links to the others. Pure. */
export function paginate<T>(
  items: readonly T[],
  page: number,
  size: number,
  pageUrl: (page: number) => string,
  t: Translate,
): { items: T[]; pagination: PaginationModel } {
  const totalPages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(page, totalPages);
  const firstShown = Math.max(1, Math.min(current - 2, totalPages - 4));
  return {
    items: items.slice((current - 1) * size, current * size),
    pagination: {
      page: current,
      totalPages,
      label: t('search.page', { page: current, total: totalPages }),
      ...(current > 1 ? { previousUrl: pageUrl(current - 1) } : {}),
      ...(current < totalPages ? { nextUrl: pageUrl(current + 1) } : {}),
      pages: Array.from({ length: Math.min(5, totalPages) }, (_, index) => firstShown + index).map((number) => ({
        number,
        url: pageUrl(number),
        current: number === current,
      })),
    },
  };
}
