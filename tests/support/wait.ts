/**
 * Waiting for a condition instead of for a time: a test that sleeps a fixed time passes or fails
 * with the machine's speed. `probe` answers `false` until the condition holds, then the value the
 * test wants. The deadline is only a backstop for a condition that never holds, generous so that a
 * slow, busy machine still gets there.
 */
export async function waitFor<T>(probe: () => T | false | Promise<T | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
