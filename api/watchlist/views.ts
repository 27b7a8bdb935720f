/**
 * The views a watchlist is assembled from. A role's shared view holds, per supplier, the entry that everybody of
 * that role and language sees who is named nowhere in its conflicts; it is built once and then updated per changed
 * supplier. A person's view adds only their own part: the entries of the suppliers that name them (their
 * declarations, their negotiations). Each entry is kept with its JSON text and digest, so a person's version is
 * the shared sum corrected by their own few entries (core/watchlist-version.ts), and a full list or a delta is
 * JSON text joined, not serialised again.
 */
import { createHash } from 'node:crypto';
import type { Lang, WatchlistEntry } from '../../core/types.ts';
import { roleViewer, type Viewer } from '../../core/visibility.ts';
import {
  addDigest,
  entryText,
  subtractDigest,
  versionOfDigest,
  versionText,
  type WatchlistHeader,
} from '../../core/watchlist-version.ts';
import type { Role } from '../../core/vocabulary.ts';
import { supplierEntry } from './entry.ts';
import type { RegistryState, RegistryTracker } from './tracker.ts';

/** One entry with its JSON text and that text's digest. */
export interface Piece {
  entry: WatchlistEntry;
  json: string;
  digest: string;
}

export interface SharedView {
  revision: number;
  /** Never changed once made: person views built on it stay whole while a newer one replaces it. */
  pieces: ReadonlyMap<string, Piece>;
  sum: bigint;
}

export interface PersonView {
  revision: number;
  identity: number;
  version: string;
  etag: string;
  generatedAt: string;
  header: WatchlistHeader;
  /** Supplier ids in watchlist order, as of `revision`. */
  order: readonly string[];
  shared: SharedView;
  /** The person's own entries of the suppliers that name them; undefined where they see none of that supplier. */
  own: ReadonlyMap<string, Piece | undefined>;
  /** Made on first use. */
  byId?: Map<string, WatchlistEntry>;
}

const sha256 = (text: string, encoding: 'hex' | 'base64url') => createHash('sha256').update(text).digest(encoding);

function pieceOf(entry: WatchlistEntry | undefined): Piece | undefined {
  if (!entry) return undefined;
  const json = entryText(entry);
  return { entry, json, digest: sha256(json, 'hex') };
}

/** The role's shared view as of `state`, made from `previous` by the suppliers changed since, where it can be. */
export function sharedViewAt(
  previous: SharedView | undefined,
  state: RegistryState,
  tracker: RegistryTracker,
  role: Role,
  lang: Lang,
): SharedView {
  if (previous?.revision === state.revision) return previous;
  const changed = previous && tracker.changedSince(previous.revision);
  const viewer = roleViewer(role);
  const { snapshot } = state;
  const entryOf = (id: string) => {
    const st = snapshot.suppliers.get(id);
    return st && pieceOf(supplierEntry(st, viewer, snapshot, lang));
  };
  const pieces = new Map(changed ? previous.pieces : []);
  let sum = changed ? previous.sum : BigInt(0);
  for (const id of changed ?? state.order) {
    const old = pieces.get(id);
    if (old) {
      sum = subtractDigest(sum, old.digest);
      pieces.delete(id);
    }
    const piece = entryOf(id);
    if (!piece) continue;
    pieces.set(id, piece);
    sum = addDigest(sum, piece.digest);
  }
  return { revision: state.revision, pieces, sum };
}

/** What `view` holds for a supplier. */
export const pieceIn = (view: Pick<PersonView, 'own' | 'shared'>, id: string): Piece | undefined =>
  view.own.has(id) ? view.own.get(id) : view.shared.pieces.get(id);

/** One person's view: the shared view of their role, with their own entries where suppliers name them. */
export function personViewAt(
  state: RegistryState,
  shared: SharedView,
  viewer: Viewer,
  lang: Lang,
  header: WatchlistHeader,
  now: Date,
): PersonView {
  const { snapshot } = state;
  const own = new Map<string, Piece | undefined>();
  let sum = shared.sum;
  for (const id of state.involved.get(viewer.id) ?? []) {
    const common = shared.pieces.get(id);
    if (common) sum = subtractDigest(sum, common.digest);
    const piece = pieceOf(supplierEntry(snapshot.suppliers.get(id)!, viewer, snapshot, lang));
    own.set(id, piece);
    if (piece) sum = addDigest(sum, piece.digest);
  }
  const version = versionOfDigest(sha256(versionText(header, sum), 'base64url'));
  return {
    revision: state.revision,
    identity: state.identity,
    version,
    etag: `"${version}"`,
    generatedAt: now.toISOString(),
    header,
    order: state.order,
    shared,
    own,
  };
}

/** The entries of `view` in watchlist order. */
export function* piecesOf(view: PersonView): Generator<Piece> {
  for (const id of view.order) {
    const piece = pieceIn(view, id);
    if (piece) yield piece;
  }
}

/** The full watchlist as JSON text: exactly what JSON.stringify of the Watchlist would give. */
export function fullJson(view: PersonView): string {
  const head = JSON.stringify({ version: view.version, generatedAt: view.generatedAt, ...view.header });
  const entries = Array.from(piecesOf(view), (p) => p.json).join(',');
  return `${head.slice(0, -1)},"entries":[${entries}]}`;
}

/**
 * What changed for this person since a version of theirs: the entries of the changed suppliers they see now, and
 * the ids of those they no longer see (a superset is harmless: the client checks the result against `version`).
 */
export function deltaJson(view: PersonView, since: string, changed: Set<string>): string {
  const entries: string[] = [];
  const removed: string[] = [];
  for (const id of changed) {
    const piece = pieceIn(view, id);
    if (piece) entries.push(piece.json);
    else removed.push(id);
  }
  return `${JSON.stringify({ version: view.version, since }).slice(0, -1)},"entries":[${entries.join(',')}],"removed":${JSON.stringify(removed)}}`;
}
