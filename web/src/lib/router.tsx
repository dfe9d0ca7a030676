import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

/** A tiny pathname router: history.pushState + popstate, no library. */
const EVENT = "kb:navigate";
let navigatedInApp = false;

function subscribe(callback: () => void): () => void {
  window.addEventListener("popstate", callback);
  window.addEventListener(EVENT, callback);
  return () => {
    window.removeEventListener("popstate", callback);
    window.removeEventListener(EVENT, callback);
  };
}

const getPath = () => window.location.pathname;

export function usePathname(): string {
  return useSyncExternalStore(subscribe, getPath, getPath);
}

function subscribeToHash(callback: () => void): () => void {
  const unsubscribe = subscribe(callback);
  window.addEventListener("hashchange", callback);
  return () => {
    unsubscribe();
    window.removeEventListener("hashchange", callback);
  };
}

const getHash = () => window.location.hash;

/** The location's fragment ("#..." or ""): the participant form's key (pages/participant/form-link.ts). */
export function useHash(): string {
  return useSyncExternalStore(subscribeToHash, getHash, getHash);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  navigatedInApp = true;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(EVENT));
  window.scrollTo(0, 0);
}

/** True once the user has moved between pages inside the app (then headings take focus). */
export function hasNavigatedInApp(): boolean {
  return navigatedInApp;
}

/** Matches "/owner/rounds/:id" against a pathname; returns the params or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const a = pattern.split("/").filter(Boolean);
  const b = pathname.replace(/\/+$/, "").split("/").filter(Boolean);
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i].startsWith(":")) {
      try {
        params[a[i].slice(1)] = decodeURIComponent(b[i]);
      } catch {
        return null;
      }
    } else if (a[i] !== b[i]) return null;
  }
  return params;
}

/** An ordinary anchor that navigates inside the app on a plain left click. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  function handle(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (rest.target && rest.target !== "_self") return;
    event.preventDefault();
    navigate(href);
  }
  return <a href={href} onClick={handle} {...rest} />;
}
