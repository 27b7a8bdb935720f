/** How the extension bench prints its figures: medians, milliseconds, one line per figure against its target. */

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const ms = (value: number) => `${value.toFixed(1)} ms`;
/** `ok` null: a figure with no target of its own, printed next to its baseline. */
export function line(label: string, value: string, target: string, ok: boolean | null) {
  const mark = ok === null ? 'info' : ok ? 'ok  ' : 'MISS';
  console.log(`${mark} ${label.padEnd(44)} ${value.padEnd(34)} ${ok === null ? '' : 'target '}${target}`);
}
