// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fixtures from '../../../../shared/fixtures/watchlist.json';
import { createMatcher } from '../../../core/matcher/index.ts';
import type { ConflictKind } from '../../../core/vocabulary.ts';
import { changedRoots } from '../../../extension/content/page/changes.ts';
import { drawnKind, FlagStore, type Flag, type FlagDrawing } from '../../../extension/content/flags/store.ts';
import { CHUNK_CHARS, createScanner } from '../../../extension/content/flags/scan.ts';
import type { TextSpan } from '../../../extension/content/flags/ranges.ts';

// happy-dom has no layout; what would be drawn is recorded instead, and all text counts as seen.
function recordingHighlights() {
  const drawn = new Map<ConflictKind, Set<TextSpan>>([
    ['related', new Set()],
    ['negotiation', new Set()],
    ['purchase', new Set()],
  ]);
  const seen: { store: FlagStore | null } = { store: null };
  const highlights: FlagDrawing & typeof seen = Object.assign(seen, {
    add: (flag: Flag) => {
      drawn.get(flag.kind)!.add(flag.range);
      seen.store?.setVisible(flag, true);
    },
    delete: (flag: Flag) => void drawn.get(flag.kind)!.delete(flag.range),
  });
  return { drawn, highlights };
}

/** A store whose every drawn flag counts as visible, as a painter finds text a reader sees. */
function storeFor(highlights: ReturnType<typeof recordingHighlights>['highlights']): FlagStore {
  const store = new FlagStore(highlights, 'v1');
  highlights.store = store;
  return store;
}

const matcher = createMatcher(fixtures);
/** The ids of the suppliers flagged, from the positions the store keeps. */
const idsIn = (store: FlagStore) => store.suppliers().suppliers.map((position) => fixtures[position].id);
// Every fixture supplier in negotiation, except the second, which is a related party too.
const kinds = fixtures.map((_, i) => (i === 1 ? 'nr' : 'n'));

function setup() {
  const { drawn, highlights } = recordingHighlights();
  const store = storeFor(highlights);
  const scanner = createScanner({
    matching: { local: matcher, kinds },
    store,
    onShadowRoot: () => {},
    signal: new AbortController().signal,
  });
  return { drawn, store, scanner };
}

async function mutate(change: () => void): Promise<MutationRecord[]> {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((r) => records.push(...r));
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  change();
  await new Promise((resolve) => setTimeout(resolve, 0));
  observer.disconnect();
  return records;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('scanning a page', () => {
  it('draws each supplier as its most pressing kind of conflict', async () => {
    expect(drawnKind('nr')).toBe('related');
    expect(drawnKind('pn')).toBe('negotiation');
    expect(drawnKind('')).toBeNull();
    document.body.innerHTML = `<p>${fixtures[0].names[0]}</p><p>${fixtures[1].names[0]}</p>`;
    const { drawn, store, scanner } = setup();
    await scanner.scan([document.body]);
    expect(idsIn(store).sort()).toEqual([fixtures[0].id, fixtures[1].id]);
    expect(drawn.get('negotiation')!.size).toBe(1);
    expect(drawn.get('related')!.size).toBe(1);
  });

  it('replaces the flags of rescanned text instead of adding to them', async () => {
    document.body.innerHTML = `<p id="p">${fixtures[0].names[0]}</p>`;
    const { drawn, store, scanner } = setup();
    await scanner.scan([document.body]);
    await scanner.scan([document.body]);
    expect(store.size).toBe(1);
    expect(drawn.get('negotiation')!.size).toBe(1);

    const records = await mutate(() => {
      (document.getElementById('p')!.firstChild as Text).data = 'Een andere firma';
    });
    const { roots, removed } = changedRoots(records);
    await scanner.scan(roots, removed);
    expect(store.size).toBe(0);
    expect(drawn.get('negotiation')!.size).toBe(0);
  });

  it('flags rows added later and forgets rows removed', async () => {
    document.body.innerHTML = '<table><tbody id="rows"></tbody></table>';
    const { store, scanner } = setup();
    await scanner.scan([document.body]);
    const added = await mutate(() => {
      for (const f of fixtures.slice(0, 100)) {
        const row = document.createElement('tr');
        row.innerHTML = `<td>${f.names[0]}</td><td>KvK ${f.kvk[0]}</td>`;
        document.getElementById('rows')!.append(row);
      }
    });
    const changes = changedRoots(added);
    expect(changes.roots).toHaveLength(100);
    await scanner.scan(changes.roots, changes.removed);
    expect(idsIn(store)).toHaveLength(100);

    const removed = await mutate(() => document.querySelector('#rows tr')!.remove());
    const after = changedRoots(removed);
    await scanner.scan(after.roots, after.removed);
    expect(idsIn(store)).toHaveLength(99);
    expect(idsIn(store)).not.toContain(fixtures[0].id);
  });

  it('has a frame without a matcher ask for its matches, one request per pass', async () => {
    document.body.innerHTML = `<p>${fixtures[2].names[0]}</p><p>${fixtures[3].names[0]}</p>`;
    const { drawn, highlights } = recordingHighlights();
    const store = storeFor(highlights);
    const asked: string[][] = [];
    const remote = async (texts: string[]) => {
      asked.push(texts);
      return texts.map((text) => matcher.scan(text).map((m) => ({ ...m, kinds: 'p' })));
    };
    const scanner = createScanner({
      matching: { remote },
      store,
      onShadowRoot: () => {},
      signal: new AbortController().signal,
    });
    await scanner.scan([document.body]);
    expect(asked).toHaveLength(1);
    expect(idsIn(store).sort()).toEqual([fixtures[2].id, fixtures[3].id].sort());
    expect(drawn.get('purchase')!.size).toBe(2);
  });

  it('indexes a flag under every text node it covers, for hover', async () => {
    document.body.innerHTML = '<p><b>Energieadvies</b> van <i>Leeuwen</i> &amp; Zn. B.V.</p>';
    const { store, scanner } = setup();
    await scanner.scan([document.body]);
    const leeuwen = document.querySelector('i')!.firstChild as Text;
    expect(store.at(leeuwen).map((f) => fixtures[f.supplier].id)).toEqual(['s00232']);
  });
});

describe('pacing a pass', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  /**
   * Three chunks of text, and a matcher each chunk of which takes `chunkMs` of a clock the test keeps. Returns
   * the scanner and, per chunk, whether a timer set before it had fired.
   */
  function threeSlowChunks(chunkMs = 30) {
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const paragraph = `<p>${'Onderhoud van woningen in blok zeven. '.repeat(CHUNK_CHARS / 38 + 1)}</p>`;
    document.body.innerHTML = paragraph.repeat(3);
    const { highlights } = recordingHighlights();
    let timerFired = false;
    const afterTimer: boolean[] = [];
    const slow = { scan: (text: string) => ((clock += chunkMs), afterTimer.push(timerFired), matcher.scan(text)) };
    const store = storeFor(highlights);
    const scanner = createScanner({
      matching: { local: slow, kinds },
      store,
      onShadowRoot: () => {},
      signal: new AbortController().signal,
    });
    const setTimer = () => setTimeout(() => (timerFired = true), 0);
    return { scanner, afterTimer, setTimer };
  }

  it('lets the page run between slices', async () => {
    const { scanner, afterTimer, setTimer } = threeSlowChunks();
    const pass = scanner.scan([document.body]);
    await Promise.resolve();
    setTimer();
    await pass;
    expect(afterTimer).toHaveLength(3);
    expect(afterTimer[2]).toBe(true);
  });

  it('once hurried, goes on at once with the pass that was waiting, without a yield for up to 40 ms', async () => {
    // The hurry at 15 ms: the chunks that end at 30 and 45 ms both fit in its 40 ms.
    const { scanner, afterTimer, setTimer } = threeSlowChunks(15);
    const pass = scanner.scan([document.body]);
    await Promise.resolve();
    setTimer();
    scanner.hurry();
    await pass;
    expect(afterTimer).toEqual([false, false, false]);
  });

  it('counts a hurry from the moment given, and yields before a chunk that would pass its end', async () => {
    // Hurried at 15 ms as from 0: the next chunk, ending at 30 ms, fits in the 40 ms; one ending at 45 would not.
    // A yield that comes after the timers already set, as in a browser, where Node's messages may come first.
    vi.stubGlobal('scheduler', { yield: () => new Promise<void>((resolve) => setTimeout(resolve, 0)) });
    const { scanner, afterTimer, setTimer } = threeSlowChunks(15);
    const pass = scanner.scan([document.body]);
    await Promise.resolve();
    setTimer();
    scanner.hurry(0);
    await pass;
    expect(afterTimer).toEqual([false, false, true]);
  });
});
