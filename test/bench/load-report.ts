/** How the load bench reports an autocannon run: shares, verdicts against a target, and its errors. */
import type autocannon from 'autocannon';

export const pct = (n: number, total: number) => `${((100 * n) / Math.max(total, 1)).toFixed(1)}%`;
export const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

/** The errors of an autocannon run: answers other than those expected, socket errors and timeouts. */
export function errorsOf(r: autocannon.Result, ok = ['200', '201', '304']) {
  const bad = Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !ok.includes(code))
    .reduce((a, [, v]) => a + (v as { count: number }).count, 0);
  return { bad, total: bad + r.errors + r.timeouts };
}
