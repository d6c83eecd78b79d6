/** UI formatting helpers of src/shared/format.ts and the grid's number display (issue 13, items 6 and 11). */
import { describe, expect, it } from 'vitest';
import { fileNameFromTitle, formatBytes } from '../../src/shared/format';
import { displayText, groupDigits } from '../../src/renderer/results/number-format';

describe('file names and sizes', () => {
  it('a notebook title becomes a file name without doubled spaces', () => {
    expect(fileNameFromTitle('Starter notebook — North Korean defectors')).toBe('Starter notebook North Korean defectors.md');
    expect(fileNameFromTitle("Women's share: 2002 / 2020")).toBe('Womens share 2002 2020.md');
    expect(fileNameFromTitle(' ?? ')).toBe('notebook.md');
  });

  it('sizes read in B, KB, MB', () => {
    expect(formatBytes(4004)).toBe('3.9 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});

describe('numbers in the grid', () => {
  it('integers get thousands separators by default, exactly (HUGEINT too); other numbers show as they are', () => {
    expect(groupDigits('-1234567')).toBe('-1,234,567');
    expect(displayText('HUGEINT', undefined)(170141183460469231731687303715884105727n)).toBe('170,141,183,460,469,231,731,687,303,715,884,105,727');
    expect(displayText('INTEGER', undefined)(999)).toBe('999');
    expect(displayText('DOUBLE', undefined)(1e20)).toBe('100000000000000000000');
    expect(displayText('DECIMAL(12,9)', undefined)('31.953761111')).toBe('31.953761111');
    expect(displayText('INTEGER', undefined)(null)).toBeNull();
    expect(displayText('VARCHAR', undefined)('1234')).toBe('1234');
    // Years and ids are labels: no separators unless asked for.
    for (const name of ['year', 'year_from', 'birth_year', 'id', 'user_id', 'fiscalYear']) expect(displayText('INTEGER', undefined, name)(2002)).toBe('2002');
    expect(displayText('INTEGER', undefined, 'yearly_total')(2002)).toBe('2,002');
    expect(displayText('INTEGER', { style: 'fixed', digits: 0 }, 'year')(2002)).toBe('2,002');
  });

  it('display options: plain, fixed decimals, percent, scientific; DECIMAL text formatted without a double', () => {
    expect(displayText('BIGINT', { style: 'plain', digits: 0 })(1234567n)).toBe('1234567');
    expect(displayText('DOUBLE', { style: 'fixed', digits: 2 })(1234.5)).toBe('1,234.50');
    expect(displayText('DECIMAL(38,20)', { style: 'fixed', digits: 20 })('12345678901234567.12345678901234567890')).toBe(
      '12,345,678,901,234,567.12345678901234567890',
    );
    expect(displayText('DOUBLE', { style: 'percent', digits: 1 })(0.4567)).toBe('45.7%');
    expect(displayText('DOUBLE', { style: 'scientific', digits: 2 })(1e20)).toBe('1.00E20');
    expect(displayText('DOUBLE', { style: 'fixed', digits: 2 })(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});
