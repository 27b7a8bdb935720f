import { describe, expect, test } from 'vitest';
import { computeConflicts } from '../../core/conflicts.ts';
import { PRESETS } from '../../core/policy.ts';
import {
  giftVerdict,
  invitationVerdict,
  purchaseMustBeDeclared,
  purchaseVerdict,
  type GiftFacts,
} from '../../core/verdicts.ts';

const free = { inNegotiation: false, contracted: true };
const negotiating = { inNegotiation: true, contracted: true };
const prospect = { inNegotiation: false, contracted: false };
const gift = (valueEur: number, form: GiftFacts['form'] = 'goods', forWholeCompany = false): GiftFacts => ({
  valueEur,
  form,
  forWholeCompany,
});

describe('gift verdicts under the Samenwerking code', () => {
  const rules = PRESETS.samenwerking;
  test.each([
    ['an everyday personal gift under EUR 50', gift(49.99), free, true, 'gift.allowed'],
    ['exactly EUR 50 (the limit is "under")', gift(50), free, false, 'gift.limit'],
    ['more than EUR 50', gift(120), free, false, 'gift.limit'],
    ['a small gift from a party in talks or negotiation', gift(10), negotiating, false, 'gift.negotiation'],
    ['money, however little', gift(5, 'money'), free, false, 'gift.money'],
    ['a voucher, which is money by another name', gift(5, 'voucher'), free, false, 'gift.money'],
    ['money from a party in negotiation: money is named first', gift(5, 'money'), negotiating, false, 'gift.money'],
    ['a small gift for the whole company', gift(30, 'goods', true), free, true, 'gift.allowed'],
  ])('%s', (_, g, standing, allowed, rule) => {
    expect(giftVerdict(rules, g, standing, 'nl')).toMatchObject({ allowed, rule });
  });
});

describe('gift verdicts under the Clavis code', () => {
  const rules = PRESETS.clavis;
  test.each([
    ['any personal gift, even a small one', gift(10), free, false, 'gift.personal'],
    ['a small gift for the whole company (cake, flowers)', gift(25, 'goods', true), free, true, 'gift.allowed'],
    ['a large gift for the whole company', gift(400, 'goods', true), free, false, 'gift.limit'],
    ['a company gift from a supplier in negotiation', gift(25, 'goods', true), negotiating, false, 'gift.negotiation'],
    ['money for the whole company', gift(25, 'money', true), free, false, 'gift.money'],
  ])('%s', (_, g, standing, allowed, rule) => {
    expect(giftVerdict(rules, g, standing, 'en')).toMatchObject({ allowed, rule });
  });
});

describe('invitation verdicts', () => {
  test.each([
    [
      'samenwerking',
      'a dinner from a contracted supplier: discuss with your manager',
      1,
      free,
      true,
      'invitation.discuss',
    ],
    ['samenwerking', 'a dinner from a supplier in negotiation', 1, negotiating, false, 'invitation.negotiation'],
    [
      'samenwerking',
      'a dinner from a prospect (no contract rule in this code)',
      1,
      prospect,
      true,
      'invitation.discuss',
    ],
    ['clavis', 'an event from a contracted supplier', 1, free, true, 'invitation.discuss'],
    ['clavis', 'an event from a supplier without a contract', 1, prospect, false, 'invitation.not_contracted'],
    ['clavis', 'a two-day trip from a contracted supplier', 2, free, false, 'invitation.multi_day'],
    ['clavis', 'anything from a supplier in negotiation', 1, negotiating, false, 'invitation.negotiation'],
  ] as const)('%s: %s', (code, _, days, standing, allowed, rule) => {
    expect(invitationVerdict(PRESETS[code], { days }, standing, 'nl')).toMatchObject({ allowed, rule });
  });
});

test('verdict messages speak the language asked for', () => {
  expect(giftVerdict(PRESETS.samenwerking, gift(10), negotiating, 'nl').message).toMatch(/weigeren/);
  expect(giftVerdict(PRESETS.samenwerking, gift(10), negotiating, 'en').message).toMatch(/decline/);
});

describe('private purchases', () => {
  test.each([
    [true, true, true, true, 'purchase.report'],
    [false, true, true, false, 'purchase.terms'],
    [true, false, true, false, 'purchase.terms'],
    [false, false, false, true, 'purchase.not_required'],
  ])(
    'market price %s, normal terms %s, a business relation %s -> allowed %s',
    (marketPrice, normalTerms, mustBeDeclared, allowed, rule) => {
      expect(purchaseVerdict(PRESETS.clavis, { marketPrice, normalTerms, mustBeDeclared }, 'nl')).toMatchObject({
        allowed,
        rule,
      });
    },
  );
  test.each([
    ['contracted', null, true],
    ['former', '2026-01-10', true],
    ['former', '2025-11-23', true],
    ['former', '2025-11-22', false],
    ['prospect', null, false],
  ])('a %s supplier with business last on %s must be declared: %s', (status, lastBusinessDate, must) => {
    expect(purchaseMustBeDeclared(PRESETS.samenwerking, { status, lastBusinessDate }, '2026-11-23')).toBe(must);
  });
});

describe('conflicts', () => {
  const n = (supplierId: string, status: 'open' | 'awarded' | 'closed' = 'open') => ({
    id: `n-${supplierId}-${status}`,
    supplierId,
    status,
    stage: 'tender' as const,
    reference: 'R',
    subject: 'S',
    ownerId: 'p',
    openedOn: '2026-10-01',
  });
  const d = (supplierId: string | null, kind: string, status: string, date: string | null = null) => ({
    id: `d-${supplierId}-${kind}-${status}-${date}`,
    supplierId,
    declarantId: 'x',
    kind,
    status,
    date,
    createdAt: '2026-09-01T10:00:00Z',
  });
  const kinds = (negotiations: ReturnType<typeof n>[], declarations: ReturnType<typeof d>[]) => {
    const result = computeConflicts({ negotiations, declarations, today: '2026-11-23', purchaseWindowMonths: 12 });
    return Object.fromEntries([...result].map(([id, cs]) => [id, cs.map((c) => c.kind)]));
  };

  test('an open negotiation in any stage is a conflict; an awarded or closed one is not', () => {
    expect(kinds([n('a'), n('b', 'awarded'), n('c', 'closed')], [])).toEqual({ a: ['negotiation'] });
  });
  test.each([
    ['submitted', true],
    ['acknowledged', true],
    ['not_permitted', true],
    ['ended', false],
    ['withdrawn', false],
    ['not_relevant', false],
  ])('a %s relationship, side job or interest is a related conflict: %s', (status, conflict) => {
    for (const kind of ['relationship', 'side_job', 'financial_interest']) {
      expect(kinds([], [d('s', kind, status)])).toEqual(conflict ? { s: ['related'] } : {});
    }
  });
  test.each([
    ['2026-11-23', 'submitted', true],
    ['2025-11-23', 'acknowledged', true],
    ['2025-11-22', 'submitted', false],
    ['2026-06-01', 'not_relevant', false],
    ['2026-06-01', 'withdrawn', false],
  ])('a private purchase on %s (%s) is a purchase conflict: %s', (date, status, conflict) => {
    expect(kinds([], [d('s', 'private_purchase', status, date)])).toEqual(conflict ? { s: ['purchase'] } : {});
  });
  test('gifts are no conflict, and a side job at a non-supplier belongs to no supplier', () => {
    expect(kinds([], [d('s', 'gift', 'submitted'), d(null, 'side_job', 'submitted')])).toEqual({});
  });
  test('all three kinds on one supplier come in a fixed order, since the earliest date', () => {
    const result = computeConflicts({
      negotiations: [n('s')],
      declarations: [d('s', 'private_purchase', 'submitted', '2026-03-01'), d('s', 'relationship', 'acknowledged')],
      today: '2026-11-23',
      purchaseWindowMonths: 12,
    });
    expect(result.get('s')!.map((c) => [c.kind, c.since])).toEqual([
      ['negotiation', '2026-10-01'],
      ['related', '2026-09-01'],
      ['purchase', '2026-03-01'],
    ]);
  });
});
