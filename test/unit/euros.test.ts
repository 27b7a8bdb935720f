import { expect, it } from 'vitest';
import { euros } from '../../api/web/form.ts';

it.each([
  ['20', 20],
  ['1.250', 1250],
  ['1,250', 1250],
  ['€ 1.250,50', 1250.5],
  ['1,250.50', 1250.5],
  ['1.000.000', 1_000_000],
  ['12,50', 12.5],
  ['12.5', 12.5],
  ['25,-', 25],
  ['50 euro', 50],
  ['12 EUR', 12],
])('reads %s as %d euros', (typed, value) => {
  expect(euros(typed)).toBe(value);
});

it.each([['veel'], ['1.250.50'], ['1.2.3'], ['0,125'], ['1.000,000']])('reads %s as no number', (typed) => {
  expect(euros(typed)).toBeNaN();
});

it('reads an empty field as not given', () => {
  expect(euros('  ')).toBeUndefined();
});
