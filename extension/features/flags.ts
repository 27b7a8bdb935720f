/**
 * The flags of one document for one watchlist version: which supplier each highlighted range names (by its
 * position in that watchlist), indexed by the text nodes it covers so that a rescan can replace exactly the flags
 * of the text it collected, and hover can find the flags under the pointer without looking at all of them.
 */
import type { ConflictKind, MatchKind } from '../../core/types';
import type { SupplierPositions } from '../lib/messaging';
import type { FoundRange } from './ranges';
import type { Highlights } from './highlight';

export interface Flag {
  supplier: number;
  kind: ConflictKind;
  /** What matched (a name, a domain, ...), for a "wrong flag?" report. */
  match: MatchKind;
  range: StaticRange;
  nodes: Text[];
}

export class FlagStore {
  private byNode = new Map<Text, Flag[]>();
  private all = new Set<Flag>();
  private perSupplier = new Map<number, number>();
  private byRange = new WeakMap<AbstractRange, Flag>();
  private undrawn: Flag[] = [];
  /** Bumped on every change, so ordered views can be cached. */
  revision = 0;
  /** Set when a supplier appears or disappears; cleared by whoever reports the list. */
  suppliersChanged = false;

  constructor(
    private highlights: Highlights,
    readonly version: string,
  ) {}

  get size(): number {
    return this.all.size;
  }

  add(found: FoundRange, kind: ConflictKind): void {
    const flag: Flag = { supplier: found.match.supplier, kind, match: found.match.kind, range: found.range, nodes: found.nodes };
    this.all.add(flag);
    this.byRange.set(flag.range, flag);
    for (const node of flag.nodes) {
      const list = this.byNode.get(node);
      if (list) list.push(flag);
      else this.byNode.set(node, [flag]);
    }
    const count = (this.perSupplier.get(flag.supplier) ?? 0) + 1;
    this.perSupplier.set(flag.supplier, count);
    if (count === 1) this.suppliersChanged = true;
    this.undrawn.push(flag);
    this.revision++;
  }

  /**
   * Draws the flags added since the last call. Called once per pass rather than per flag: after any change to
   * a highlight the browser checks all of its ranges again at the next frame, so a pass that drew as it went
   * would have that done at every frame it spans.
   */
  draw(): void {
    for (const flag of this.undrawn) if (this.all.has(flag)) this.highlights.add(flag.kind, flag.range);
    this.undrawn = [];
  }

  /** Removes every flag touching one of `nodes` (before their text is scanned again). */
  clear(nodes: Iterable<Text>): void {
    if (!this.all.size) return;
    for (const node of nodes) {
      const list = this.byNode.get(node);
      if (list) for (const flag of [...list]) this.remove(flag);
    }
  }

  /** Removes the flags whose text left the document. */
  sweep(): void {
    for (const flag of this.all) if (flag.nodes.some((node) => !node.isConnected)) this.remove(flag);
  }

  at(node: Text): readonly Flag[] {
    return this.byNode.get(node) ?? [];
  }

  /** The flag drawn with `range` (as returned by highlightsFromPoint), if it is still there. */
  forRange(range: AbstractRange): Flag | undefined {
    const flag = this.byRange.get(range);
    return flag && this.all.has(flag) ? flag : undefined;
  }

  has(flag: Flag): boolean {
    return this.all.has(flag);
  }

  flags(): IterableIterator<Flag> {
    return this.all.values();
  }

  /** The suppliers flagged anywhere in the document. */
  suppliers(): SupplierPositions {
    return { version: this.version, suppliers: [...this.perSupplier.keys()] };
  }

  /** The suppliers of some of the flags, each once. */
  suppliersOf(flags: Flag[]): SupplierPositions {
    return { version: this.version, suppliers: [...new Set(flags.map((flag) => flag.supplier))] };
  }

  private remove(flag: Flag): void {
    if (!this.all.delete(flag)) return;
    for (const node of flag.nodes) {
      const list = this.byNode.get(node);
      if (!list) continue;
      const rest = list.filter((f) => f !== flag);
      if (rest.length) this.byNode.set(node, rest);
      else this.byNode.delete(node);
    }
    const left = (this.perSupplier.get(flag.supplier) ?? 1) - 1;
    if (left) this.perSupplier.set(flag.supplier, left);
    else {
      this.perSupplier.delete(flag.supplier);
      this.suppliersChanged = true;
    }
    this.highlights.delete(flag.kind, flag.range);
    this.revision++;
  }
}
