import { describe, expect, it } from 'vitest';
import { count, formatDate, formatNumber, formatRange } from '../src/report/format.js';

describe('format', () => {
  it('writes dates and ranges the way reports do', () => {
    expect(formatDate('2013-08-05')).toBe('5 August 2013');
    expect(formatDate('2013-10')).toBe('October 2013');
    expect(formatRange('2013-08-05', '2013-08-09')).toBe('5–9 August 2013');
    expect(formatRange('2013-10-28', '2013-11-01')).toBe('28 October – 1 November 2013');
    expect(formatRange('2012-12-30', '2013-01-02')).toBe('30 December 2012 – 2 January 2013');
    expect(formatRange('2013-11-25', '2013-11-25')).toBe('25 November 2013');
  });

  it('groups thousands without depending on the locale', () => {
    expect(formatNumber(3300000)).toBe('3,300,000');
    expect(formatNumber(4126.5)).toBe('4,126.5');
    expect(formatNumber(12)).toBe('12');
  });

  it('counts in words', () => {
    expect(count(1, 'agency', 'agencies')).toBe('1 agency');
    expect(count(3, 'meeting')).toBe('3 meetings');
  });
});
