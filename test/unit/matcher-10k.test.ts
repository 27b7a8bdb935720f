/**
 * The rules over every name of the 10,000-supplier benchmark watchlist, where many names share words and some
 * are the beginning of others (`DakWerk Plus Krimpen` and `DakWerk Plus Krimpen Westland`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../core/matcher/index.ts';
import type { WatchEntry } from '../../core/types.ts';

const entries: WatchEntry[] = JSON.parse(
  readFileSync(new URL('../../../shared/fixtures/watchlist-10k.json', import.meta.url), 'utf8'),
);
const matcher = createMatcher(entries);
const named = (text: string) =>
  matcher
    .scan(text)
    .filter((match) => match.kind === 'name')
    .map((match) => match.id);
const LEGAL_FORM_AT_END = /\s+(B\.V\.|BV|N\.V\.|V\.O\.F\.|Holding|& Zn\.|en Zonen)$/;
/** The name as people write it without legal form: `Kwast & Co Delfland Holding B.V.` -> `Kwast & Co Delfland`. */
function withoutLegalForm(name: string): string {
  let rest = name;
  while (LEGAL_FORM_AT_END.test(rest)) rest = rest.replace(LEGAL_FORM_AT_END, '');
  return rest;
}

describe('every name of watchlist-10k', () => {
  it.each([
    ['as registered', (name: string) => name],
    ['in upper case', (name: string) => name.toUpperCase()],
    ['without legal form', withoutLegalForm],
  ])('is found for its own supplier, %s', (_, write) => {
    const missed = entries.flatMap((entry) =>
      entry.names.filter((name) => !named(`Offerte van ${write(name)}, zie bijlage.`).includes(entry.id)),
    );
    expect(missed).toEqual([]);
  });

  it.each([
    ['joined by a hyphen to another word', (name: string) => `${withoutLegalForm(name)}-Visser`],
    ['glued into a longer word', (name: string) => `${withoutLegalForm(name).replace(/\W+/g, '')}materialen`],
  ])('flags no supplier when %s', (_, write) => {
    const flagged = entries.flatMap((entry) => entry.names.filter((name) => named(`Zie ${write(name)}.`).length > 0));
    expect(flagged).toEqual([]);
  });
});
