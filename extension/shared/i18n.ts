/** Messages in the browser's language (Dutch by default), keyed by the names in public/_locales/nl. */
import { browser } from 'wxt/browser';
import type messages from '../public/_locales/nl/messages.json';

export type MessageKey = keyof typeof messages;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  // getMessage is typed per key as overloads, which a key held in a variable cannot pick from.
  return (browser.i18n.getMessage as (name: string, substitutions?: string | string[]) => string)(key, substitutions);
}

const KIND_KEYS = { negotiation: 'kindNegotiation', related: 'kindRelated', purchase: 'kindPurchase' } as const;

/** "In onderhandeling", "Gelieerde partij", "Privé-aankoop"; an unknown kind from a newer server as it came. */
export function kindLabel(kind: string): string {
  return kind in KIND_KEYS ? t(KIND_KEYS[kind as keyof typeof KIND_KEYS]) : kind;
}
