/**
 * The watchlists of everybody, kept so that a write costs what it changes: the registry is followed per supplier
 * (watchlist/tracker.ts), each role's shared view is updated per changed supplier, and a person's view adds only
 * their own part (watchlist/views.ts). A person keeps their compiled answer (JSON, compressed bodies) for as long
 * as their version stays the same, whatever else changes in the registry. Recent versions of each person are
 * remembered with the revision they were made at, so `?since=` can be answered with what changed after it.
 * `/check` shares its matchers as far as the answers allow (watchlist/matchers.ts).
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { amsterdamDate } from '../../core/dates.ts';
import type { Lang, WatchlistEntry } from '../../core/types.ts';
import type { Viewer } from '../../core/visibility.ts';
import type { Db } from '../../db/client.ts';
import { createMatchers, type Matcher } from './matchers.ts';
import { createRegistryTracker, type RegistryState } from './tracker.ts';
import {
  deltaJson,
  fullJson,
  personViewAt,
  piecesOf,
  sharedViewAt,
  type PersonView,
  type SharedView,
} from './views.ts';

export type CompiledEntry = PersonView;

/** People (per role and language) whose views are kept; the least recently asked for goes first. */
const MAX_PEOPLE = 500;
/** Full bodies (JSON and compressed, up to a few hundred KB each) kept by version: most people of a role see the
 * same list, so it is compiled once for all of them. */
const MAX_BODIES = 64;
/** Versions per person that `?since=` still answers with a delta. */
const KEPT_VERSIONS = 16;

/** What a compiled watchlist depends on: the registry, and the date (the purchase window moves at midnight). */
export const watchlistStamp = (changes: string, now: Date) => `${changes}:${amsterdamDate(now)}`;

/** A full watchlist as sent: its JSON, and that JSON compressed once per encoding on first use. */
interface Body {
  json: string;
  encoded: Partial<Record<'br' | 'gzip', Promise<Buffer>>>;
}

/**
 * Compression runs on libuv's threads, not the event loop: a full body takes milliseconds to compress (half of
 * what a person's first watchlist costs), and on Monday morning every browser asks for one. Brotli's quality 4
 * makes a body 1-3% larger than 5 and takes a third to half less time.
 */
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };

interface Person {
  view: PersonView;
  /** Versions this person was given, with the newest revision each was current at. */
  versions: Map<string, number>;
}

export function createWatchlistCache(db: Db, publicUrl: string) {
  const tracker = createRegistryTracker(db);
  const shared = new Map<string, SharedView>();
  const people = new Map<string, Person>();
  const bodies = new Map<string, Body>();
  const matchers = createMatchers();
  const listeners = new Set<() => void>();
  let announced = 0;

  function viewOf(state: RegistryState, viewer: Viewer, lang: Lang, now: Date): PersonView {
    const key = `${viewer.id}:${viewer.role}:${lang}`;
    const known = people.get(key);
    if (known?.view.revision === state.revision) return known.view;
    const roleKey = `${viewer.role}:${lang}`;
    const common = sharedViewAt(shared.get(roleKey), state, tracker, viewer.role, lang);
    shared.set(roleKey, common);
    const header = { registryUrl: publicUrl, counsellor: state.snapshot.rules.counsellor };
    let view = personViewAt(state, common, viewer, lang, header, now);
    // The same content as before: keep what was made of it (its entries by id).
    if (known?.view.version === view.version) view = Object.assign(known.view, { revision: state.revision });
    const person = known ?? { view, versions: new Map() };
    person.view = view;
    person.versions.delete(view.version);
    person.versions.set(view.version, state.revision);
    if (person.versions.size > KEPT_VERSIONS) person.versions.delete(person.versions.keys().next().value!);
    people.delete(key);
    if (people.size >= MAX_PEOPLE) people.delete(people.keys().next().value!);
    people.set(key, person);
    return view;
  }

  /** The full body of a version. Its `generatedAt` is when the first person with that version asked for it. */
  function bodyOf(entry: CompiledEntry): Body {
    let body = bodies.get(entry.version);
    if (!body) {
      if (bodies.size >= MAX_BODIES) bodies.delete(bodies.keys().next().value!);
      bodies.set(entry.version, (body = { json: fullJson(entry), encoded: {} }));
    }
    return body;
  }

  return {
    /** The viewer's watchlist as of now. */
    async get(viewer: Viewer, lang: Lang, now: Date): Promise<CompiledEntry> {
      return viewOf(await tracker.at(now), viewer, lang, now);
    },
    /** The body: the full list, or only what changed since `since` when that version is one still known. */
    body(entry: CompiledEntry, viewer: Viewer, lang: Lang, since?: string): { json: string; delta: boolean } {
      const revision = since ? people.get(`${viewer.id}:${viewer.role}:${lang}`)?.versions.get(since) : undefined;
      const changed =
        revision === undefined
          ? undefined
          : since === entry.version
            ? new Set<string>()
            : tracker.changedSince(revision);
      if (changed && since) return { json: deltaJson(entry, since, changed), delta: true };
      return { json: bodyOf(entry).json, delta: false };
    },
    /**
     * A body from `body()` in the best encoding the client accepts: a full list is compressed once per version; a
     * delta is small and made for one client.
     */
    async encode(
      entry: CompiledEntry,
      acceptEncoding: string,
      { json, delta }: { json: string; delta: boolean },
    ): Promise<{ encoding?: 'br' | 'gzip'; body: string | Buffer }> {
      const encoding = /\bbr\b/.test(acceptEncoding) ? 'br' : /\bgzip\b/.test(acceptEncoding) ? 'gzip' : undefined;
      if (!encoding) return { body: json };
      const compress = () => (encoding === 'br' ? brotli(json, BROTLI_OPTIONS) : gzipped(json, { level: 6 }));
      if (delta) return { encoding, body: await compress() };
      // Kept as the promise: people asking for the same version meanwhile wait for the one compression.
      return { encoding, body: await (bodyOf(entry).encoded[encoding] ??= compress()) };
    },
    /** The viewer's entries by supplier id: what a page shows of one supplier's conflicts. */
    byIdOf(entry: CompiledEntry): Map<string, WatchlistEntry> {
      return (entry.byId ??= new Map(Array.from(piecesOf(entry), (p) => [p.entry.id, p.entry])));
    },
    /** The matcher that finds what this viewer sees, shared where it can be (watchlist/matchers.ts). */
    matcherOf(entry: CompiledEntry): Matcher {
      return matchers.of(entry);
    },
    /**
     * Calls `listener` whenever the registry reached a new revision (checked every `POLL_MS` while anybody
     * listens, so another process's writes count too); returns the unsubscribe.
     */
    subscribe(listener: () => void, clock: { now(): Date }): () => void {
      listeners.add(listener);
      if (listeners.size === 1) startTicking(clock);
      return () => void listeners.delete(listener);
    },
  };

  function startTicking(clock: { now(): Date }) {
    const tick = async () => {
      if (!listeners.size) return clearInterval(timer);
      const state = await tracker.at(clock.now()).catch(() => undefined);
      if (!state || state.revision === announced) return;
      announced = state.revision;
      for (const listener of listeners) listener();
    };
    const timer = setInterval(() => void tick(), TICK_MS);
    timer.unref?.();
    void tracker.at(clock.now()).then(
      (s) => (announced = s.revision),
      () => undefined,
    );
  }
}

/** How often listeners' registry is looked at; another process's writes show within a poll of db/changes.ts more. */
const TICK_MS = 250;

export type WatchlistCache = ReturnType<typeof createWatchlistCache>;
