/** What a matcher finds, written as the text shows it, so that a failing test says what was matched where. */
import type { Matcher } from '../../core/matcher/load.ts';

/** A text's mentions, each as `id[matched text]`, or with `kinds` as `id:kind[matched text]`. */
export function foundBy(matcher: Matcher, { kinds = false } = {}): (text: string) => string[] {
  return (text) => matcher.scan(text).map((m) => `${m.id}${kinds ? `:${m.kind}` : ''}[${text.slice(m.start, m.end)}]`);
}
