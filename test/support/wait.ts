/** Polls `fn` every `everyMs` until it gives a truthy value, or throws after `ms` naming `what`. */
export async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, what: string, ms: number, everyMs: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
