/**
 * The open shadow roots found in a document: their styles, hit-testing on hover and the checks for late ones go
 * through this list. A page that keeps rendering widgets (webmail does, all day) would fill it with roots whose
 * host has left the page, so those are dropped as the list grows; a host that comes back is found again.
 */

/** The fewest roots at which the list is looked over for those that left the page. */
const PRUNE_FROM = 64;

export class ShadowRoots {
  /** In the order found; changed in place, so that holders of it see every change. */
  readonly list: ShadowRoot[] = [];
  private pruneAt = PRUNE_FROM;

  /** Adds `root` unless it is known; false when it was. */
  add(root: ShadowRoot): boolean {
    if (this.list.includes(root)) return false;
    if (this.list.length >= this.pruneAt) {
      const kept = this.list.filter((known) => known.host.isConnected);
      this.list.splice(0, this.list.length, ...kept);
      // Looked over again once it has doubled: the work stays in proportion to the roots added.
      this.pruneAt = Math.max(PRUNE_FROM, kept.length * 2);
    }
    this.list.push(root);
    return true;
  }
}
