/**
 * How a registered name will match. A stub with the agreed signature (the matcher side replaces it): names of 2 to
 * 5 capital letters match in capitals only, every other name on its own.
 */
export type NameRule = 'alone' | 'context' | 'capitals';
export type Ambiguity = 'word' | 'surname' | 'first_name' | 'place';
export interface NameMatchRule {
  rule: NameRule;
  ambiguousAs?: Ambiguity[];
}

export function nameMatchRule(name: string): NameMatchRule {
  return /^[A-Z]{2,5}$/.test(name.trim()) ? { rule: 'capitals' } : { rule: 'alone' };
}
