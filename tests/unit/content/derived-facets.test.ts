import { describe, expect, it } from 'vitest';
import { deriveFacets } from '../../../server/content/derived-facets.js';

describe('deriveFacets', () => {
  it('names each world region once, in the order of the jurisdictions, and leaves out codes with no region', () => {
    const derived = deriveFacets({ jurisdictions: ['GB-SCT', 'FR', 'PH', 'INT', 'XX'], last_reviewed: '2026-01-01' }, '2026-12-07');
    expect(derived.world_regions).toEqual(['europe', 'asia', 'global']);
  });

  it('says a review is due once it is more than 18 months old', () => {
    expect(deriveFacets({ jurisdictions: [], last_reviewed: '2025-06-07' }, '2026-12-07').review_due).toBe(false);
    expect(deriveFacets({ jurisdictions: [], last_reviewed: '2025-06-06' }, '2026-12-07').review_due).toBe(true);
  });
});
