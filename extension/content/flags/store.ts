/**
 * The flags of one document for one watchlist version: which supplier each flagged range names (by its
 * position in that watchlist), indexed by the text nodes it covers so that a rescan can replace exactly the flags
 * of the text it collected. Only flags a reader can see count (see visibility.ts): the suppliers reported to the
 * popup and the badge are those of visible flags.
 */
import type { MatchKind } from '../../../core/types.ts';
import type { ConflictKind } from '../../../core/vocabulary.ts';
import type { SupplierPositions } from '../../shared/messaging.ts';
import type { FoundRange, TextSpan } from './ranges.ts';

/** Most pressing first: a supplier with several kinds of conflict is drawn as the first of its kinds. */
const KIND_ORDER: readonly ConflictKind[] = ['related', 'negotiation', 'purchase'];

/** The kind a supplier is drawn as, from the initials of its conflict kinds ("nr" = negotiation + related). */
export function drawnKind(initials: string): ConflictKind | null {
  return KIND_ORDER.find((kind) => initials.includes(kind[0])) ?? null;
}

export interface Flag {
  supplier: number;
  kind: ConflictKind;
  /** What matched (a name, a domain, ...), for a "wrong flag?" report. */
  match: MatchKind;
  range: TextSpan;
  nodes: Text[];
  /** Whether a reader can see its text: false until checked. */
  visible: boolean;
}

/** Where flags are drawn (drawing.ts). */
export interface FlagDrawing {
  add(flag: Flag): void;
  delete(flag: Flag): void;
}

export class FlagStore {
  private byNode = new Map<Text, Flag[]>();
  private all = new Set<Flag>();
  private perSupplier = new Map<number, number>();
  private undrawn: Flag[] = [];
  /** Bumped on every change, so ordered views can be cached. */
  revision = 0;
  /** Set when a supplier appears or disappears; cleared by whoever reports the list. */
  suppliersChanged = false;

  constructor(
    private drawing: FlagDrawing,
    readonly version: string,
  ) {}

  get size(): number {
    return this.all.size;
  }

  add(found: FoundRange, kind: ConflictKind): void {
    const flag: Flag = {
      supplier: found.match.supplier,
      kind,
      match: found.match.kind,
      range: found.range,
      nodes: found.nodes,
      visible: false,
    };
    this.all.add(flag);
    for (const node of flag.nodes) {
      const list = this.byNode.get(node);
      if (list) list.push(flag);
      else this.byNode.set(node, [flag]);
    }
    this.undrawn.push(flag);
    this.revision++;
  }

  /** Draws the flags added since the last call: once per pass, so that a pass's flags appear together. */
  draw(): void {
    for (const flag of this.undrawn) if (this.all.has(flag)) this.drawing.add(flag);
    this.undrawn = [];
  }

  /** Counts a flag among its supplier's while a reader can see it (see visibility.ts). */
  setVisible(flag: Flag, visible: boolean): void {
    if (flag.visible === visible || !this.all.has(flag)) return;
    flag.visible = visible;
    const count = (this.perSupplier.get(flag.supplier) ?? 0) + (visible ? 1 : -1);
    if (count > 0) this.perSupplier.set(flag.supplier, count);
    else this.perSupplier.delete(flag.supplier);
    if (count === (visible ? 1 : 0)) this.suppliersChanged = true;
    this.revision++;
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

  /** Whether a visible flag counts the supplier. */
  counts(supplier: number): boolean {
    return this.perSupplier.has(supplier);
  }

  at(node: Text): readonly Flag[] {
    return this.byNode.get(node) ?? [];
  }

  has(flag: Flag): boolean {
    return this.all.has(flag);
  }

  flags(): IterableIterator<Flag> {
    return this.all.values();
  }

  /** The suppliers flagged anywhere in the document where a reader can see them. */
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
    if (flag.visible) {
      const left = (this.perSupplier.get(flag.supplier) ?? 1) - 1;
      if (left) this.perSupplier.set(flag.supplier, left);
      else {
        this.perSupplier.delete(flag.supplier);
        this.suppliersChanged = true;
      }
    }
    this.drawing.delete(flag);
    this.revision++;
  }
}
