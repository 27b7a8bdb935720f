import { expect, test } from 'vitest';
import { addDays, addMonths, amsterdamDate, isCalendarDate, isoWeek } from '../../core/dates.ts';

test.each([
  ['2026-02-28', true],
  ['2028-02-29', true],
  ['2026-02-29', false],
  ['2026-13-01', false],
  ['2026-1-01', false],
  ['01-01-2026', false],
  ['', false],
])('%s is a calendar date: %s', (value, ok) => expect(isCalendarDate(value)).toBe(ok));

test.each([
  ['2026-11-23', -12, '2025-11-23'],
  ['2026-03-31', -1, '2026-02-28'],
  ['2024-02-29', 12, '2025-02-28'],
  ['2026-12-15', 1, '2027-01-15'],
])('%s plus %i months is %s', (date, months, expected) => expect(addMonths(date, months)).toBe(expected));

test("the date is Amsterdam's: late on New Year's Eve in UTC is already the next year there", () => {
  expect(amsterdamDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  expect(amsterdamDate(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  expect(amsterdamDate(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
});

test.each([
  ['2026-12-21', -7, '2026-12-14'],
  ['2026-12-28', 7, '2027-01-04'],
  ['2028-02-28', 1, '2028-02-29'],
])('%s plus %i days is %s', (date, days, expected) => expect(addDays(date, days)).toBe(expected));

test.each([
  ['2026-11-23', '2026-W48'],
  ['2026-01-01', '2026-W01'],
  ['2026-12-31', '2026-W53'],
  ['2027-01-03', '2026-W53'],
  ['2027-01-04', '2027-W01'],
  ['2024-12-30', '2025-W01'],
  ['2021-01-03', '2020-W53'],
])('%s is in ISO week %s', (date, week) => expect(isoWeek(date)).toBe(week));
