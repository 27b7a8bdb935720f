/** Building DOM from data without markup: text always goes in as text nodes, so registry data cannot inject. */
export type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** A date and time in the reader's language, e.g. "3 mrt 2026, 14:05". */
export function formatDateTime(time: number): string {
  return new Date(time).toLocaleString(navigator.language, { dateStyle: 'medium', timeStyle: 'short' });
}

/** An ISO date (YYYY-MM-DD) in the reader's language; the string itself when it is no date. */
export function formatDate(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T12:00:00`);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(navigator.language, { dateStyle: 'medium' });
}
