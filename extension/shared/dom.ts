/**
 * Building DOM from data without markup: text always goes in as text nodes, so registry data cannot inject. And
 * the dates and amounts that go in it, in the language of the extension's messages (so a card never mixes a Dutch
 * text with a German date), in Dutch time.
 */
import { t } from './i18n.ts';

const TIME_ZONE = 'Europe/Amsterdam';
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

/** A date and time, e.g. "3 mrt 2026, 14:05". */
export function formatDateTime(time: number): string {
  return new Date(time).toLocaleString(t('locale'), { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE });
}

/** An ISO date (YYYY-MM-DD), e.g. "3 mrt 2026"; the string itself when it is no date. */
export function formatDate(iso: string): string {
  // Noon UTC is the same day in Amsterdam, in summer and in winter.
  const date = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(t('locale'), { dateStyle: 'medium', timeZone: TIME_ZONE });
}

/** An amount in euros, e.g. "€ 1.250,00". */
export function formatEuro(amount: number): string {
  return new Intl.NumberFormat(t('locale'), { style: 'currency', currency: 'EUR' }).format(amount);
}
