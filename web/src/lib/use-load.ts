import { useCallback, useEffect, useRef, useState, type DependencyList } from "react";

export type LoadOptions = {
  /**
   * A reload in the background (polling, after an action): the page keeps showing the last error
   * until a load succeeds. Otherwise a reload (the retry button) takes the error away at once.
   */
  background?: boolean;
  /** Show nothing of the old data while the data for new `deps` loads. */
  resetOnChange?: boolean;
};

/**
 * Data a page loads: loaded again when `deps` change, and by `reload` (retry, refresh). An answer
 * for older `deps` is dropped (its request aborted).
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList, options: LoadOptions = {}) {
  const { background = false, resetOnChange = false } = options;
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const controller = useRef(new AbortController());

  const reload = useCallback(async (): Promise<void> => {
    const signal = controller.current.signal;
    if (!background) setError(null);
    try {
      const value = await loadRef.current(signal);
      if (signal.aborted) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (!signal.aborted) setError(e);
    }
  }, [background]);

  useEffect(() => {
    const current = new AbortController();
    controller.current = current;
    if (resetOnChange) setData(null);
    void reload();
    return () => current.abort();
    // `deps` are what `load` reads; `load` itself is a new function on every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, reload]);

  return { data, error, reload, setData };
}
