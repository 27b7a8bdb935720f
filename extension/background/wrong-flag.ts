/**
 * "Wrong flag?": which registered name or identifier a flag came from, worked out in the background from the
 * supplier's watchlist entry and the flagged text. Only that registered value goes to the registry, never the
 * text of the page (a flag on `Volker Wessels` reports `VolkerWessels`, as the manager registered it).
 */
import { normalizeDomain, normalizeKvk, normalizeVat } from '../../core/identifiers.ts';
import { splitName } from '../../core/matcher/names.ts';
import { foldText } from '../../core/matcher/normalize.ts';
import type { MatchKind, WatchEntry } from '../../core/types.ts';

const compact = (folded: string) => folded.replace(/ /g, '');

/** The registered name the flagged text is a spelling of; null when none is close enough to say. */
function matchedName(names: string[], text: string): string | null {
  const folded = foldText(text);
  const core = splitName(text).core;
  const tests: ((name: string) => boolean)[] = [
    (name) => foldText(name) === folded,
    // Inner capitals and spaces: `Volker Wessels`, `Volkerwessels` for `VolkerWessels`.
    (name) => compact(foldText(name)) === compact(folded),
    // The same name with another legal form, or none: `Smits B.V.` for `Smits`.
    (name) => splitName(name).core.join(' ') === core.join(' '),
  ];
  for (const test of tests) {
    const hit = names.find(test);
    if (hit) return hit;
  }
  // A shortened legal name (`Dura Vermeer` for `Dura Vermeer Groep N.V.`): the name sharing the most words.
  let best: { name: string; shared: number } | null = null;
  for (const name of names) {
    const own = new Set(splitName(name).core);
    const shared = core.filter((w) => own.has(w)).length;
    if (shared && (!best || shared > best.shared)) best = { name, shared };
  }
  return best?.name ?? null;
}

export function matchedIdentifier(entry: WatchEntry, text: string, kind: MatchKind): string | null {
  switch (kind) {
    case 'name':
      return matchedName(entry.names, text);
    case 'email': {
      const address = text.trim().toLowerCase();
      return entry.emails?.find((e) => e === address) ?? null;
    }
    case 'domain': {
      const host = normalizeDomain(text);
      return (host && entry.domains?.find((d) => host === d || host.endsWith(`.${d}`))) || null;
    }
    case 'kvk': {
      const number = normalizeKvk(text.replace(/\D/g, ''));
      return entry.kvk?.find((k) => k === number) ?? null;
    }
    case 'vat': {
      const number = normalizeVat(text);
      return entry.vat?.find((v) => v === number) ?? null;
    }
    default:
      return null;
  }
}
