/** Polling for what tests and their support cannot be told of: a server coming up, a browser drawing flags. */

/**
 * Calls `probe` every 100 ms until `ok` accepts what it returned, and returns that; throws with the last value
 * once `timeout` ms have passed. A probe that throws ends the wait with its error.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeout = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let value = await probe();
  while (!ok(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}
