import { fieldId } from "./answers";

/** Moves focus to the field at a path, or to the nearest enclosing field that is on the page. */
export function focusField(path: string) {
  const parts = path.split(".");
  while (parts.length) {
    const el = document.getElementById(fieldId(parts.join(".")));
    if (el) {
      focusElement(el);
      return;
    }
    parts.pop();
  }
}

/** Focuses a field with its question (legend or label) scrolled into view above it. */
export function focusElement(el: HTMLElement) {
  const box = el.closest("fieldset, .field") ?? el;
  box.scrollIntoView({ block: "start" });
  el.focus({ preventScroll: true });
}
