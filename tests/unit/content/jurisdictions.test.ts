import { describe, expect, it } from 'vitest';
import { isJurisdictionCode, suggestJurisdiction, worldRegionOf } from '../../../server/content/jurisdictions.js';

describe('jurisdictions', () => {
  it('accepts INT, ISO 3166-1 codes, ISO 3166-2 subdivisions and GB-EAW', () => {
    for (const code of ['INT', 'PH', 'NG', 'GB-SCT', 'US-TX', 'GB-EAW']) expect(isJurisdictionCode(code), code).toBe(true);
  });

  it('rejects UK, lower case and made-up subdivisions', () => {
    for (const code of ['UK', 'ph', 'GB-XYZ', 'EU', '']) expect(isJurisdictionCode(code), code).toBe(false);
  });

  it('derives the UN M49 region, and global for INT', () => {
    expect([worldRegionOf('NG'), worldRegionOf('GB-EAW'), worldRegionOf('US-TX'), worldRegionOf('PH'), worldRegionOf('AU'), worldRegionOf('INT')]).toEqual([
      'africa',
      'europe',
      'americas',
      'asia',
      'oceania',
      'global',
    ]);
  });

  it('suggests the code for a lower-case code or a country name', () => {
    expect(suggestJurisdiction('ng')).toBe('codes are upper case: write NG');
    expect(suggestJurisdiction('Nigeria')).toBe('write the code NG for Nigeria');
  });
});
