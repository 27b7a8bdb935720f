import { expect, it } from 'vitest';
import { WordList, encodeWordList } from '../../core/matcher/words/word-list.ts';

const WORDS = ['bakker', 'bakkerij', 'bakkers', 'bam', 'den haag', 'gouda', 'vos', 'vossen', 'zon', 'zonnepanelen'];

it('finds every word of a front-coded list, across block boundaries, and nothing else', () => {
  const many = Array.from({ length: 100 }, (_, i) => `woord${String(i).padStart(3, '0')}`);
  const list = new WordList(encodeWordList([...WORDS, ...many]));
  for (const word of [...WORDS, ...many]) expect(list.has(word), word).toBe(true);
  for (const word of ['', 'a', 'bak', 'bakke', 'bakkerijen', 'den', 'haag', 'woord', 'woord1000', 'zzz'])
    expect(list.has(word), word).toBe(false);
  expect(list.words()).toEqual([...WORDS, ...many].sort());
});

it('is empty for an empty list', () => {
  expect(new WordList(encodeWordList([])).has('bakker')).toBe(false);
});
