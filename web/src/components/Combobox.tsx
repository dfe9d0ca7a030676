import { useEffect, useMemo, useState, type KeyboardEvent, type Ref } from "react";
import { useI18n } from "../i18n";

/** [code, label]: a code list's entry (labels in Swedish, as the classifications publish them). */
export type CodeEntry = readonly [code: string, label: string];

const norm = (s: string) => s.toLocaleLowerCase("sv-SE").replace(/[–—-]/g, " ").replace(/\s+/g, " ").trim();

/** The entries that match a query, best first: code prefix, label prefix, word prefix, anywhere. */
export function filterCodes(list: readonly CodeEntry[], query: string): CodeEntry[] {
  const q = norm(query);
  if (!q) return [...list];
  const terms = q.split(" ");
  const scored: [number, CodeEntry][] = [];
  for (const entry of list) {
    const [code, label] = entry;
    const l = norm(label);
    const hay = `${code} ${l}`;
    if (!terms.every((t) => hay.includes(t))) continue;
    const score = code.startsWith(q) ? 0 : l.startsWith(q) ? 1 : l.split(" ").some((w) => w.startsWith(terms[0])) ? 2 : 3;
    scored.push([score, entry]);
  }
  return scored.sort((a, b) => a[0] - b[0] || a[1][0].localeCompare(b[1][0])).map((s) => s[1]);
}

/** The code that typed text stands for: an exact code, "code – label", or the one label it names. */
export function resolveCode(list: readonly CodeEntry[] | null, text: string): string {
  const t = text.trim();
  if (!t) return "";
  const lead = /^(\d+)(\s*[–—-]\s*.*)?$/.exec(t);
  if (lead) return lead[1];
  if (!list) return t;
  const q = norm(t);
  const exact = list.filter(([, label]) => norm(label) === q);
  if (exact.length === 1) return exact[0][0];
  const partial = filterCodes(list, t);
  return partial.length === 1 ? partial[0][0] : t;
}

export type ComboboxProps = {
  /** The input's id (labels and error summaries point at it). */
  id: string;
  /** The code list; null while it loads. */
  options: readonly CodeEntry[] | null;
  loadFailed?: boolean;
  /** Called on focus and typing: a lazily loaded list starts loading then. */
  onNeedOptions?: () => void;
  /** The chosen code, "" when none. */
  value: string;
  onChange: (code: string) => void;
  /** For adding to a list: the text clears after each choice. */
  clearOnSelect?: boolean;
  /** Typed text that names no code of the list is dropped on blur, instead of passed on as typed (for the schema to reject). */
  strict?: boolean;
  /** Between code and label in the input's text. @default " – " */
  separator?: string;
  /** The element that names the list (the field's label); else listLabel. */
  listLabelledBy?: string;
  listLabel?: string;
  name?: string;
  inputRef?: Ref<HTMLInputElement>;
  onBlur?: () => void;
  describedBy?: string;
  invalid?: boolean;
  disabled?: boolean;
  /** How many matches the list shows at most. @default 50 */
  maxOptions?: number;
};

/**
 * A searchable code picker (an ARIA 1.2 combobox with a listbox popup and aria-activedescendant):
 * type a code or words of the label to filter, arrow keys to move, Enter to choose, Escape to
 * close. Generic: SSYK occupations, SNI industries, municipalities, organisations.
 */
export function Combobox(props: ComboboxProps) {
  const { id, options: list, loadFailed = false, onNeedOptions, value, onChange, clearOnSelect, strict, separator = " – " } = props;
  const { name, inputRef, onBlur, describedBy, invalid, disabled, maxOptions = 50 } = props;
  const { t } = useI18n();
  const listId = `${id}-list`;
  const [text, setText] = useState<string | null>(null); // null: not editing, show the value
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  const ensureList = () => onNeedOptions?.();

  const byCode = useMemo(() => new Map(list ?? []), [list]);
  const display = clearOnSelect || !value ? "" : byCode.has(value) ? `${value}${separator}${byCode.get(value)}` : value;
  const query = text ?? "";
  const matches = useMemo(() => (list && open ? filterCodes(list, query) : []), [list, open, query]);
  const shown = matches.slice(0, maxOptions);
  const optionId = (i: number) => `${listId}-${i}`;

  // A polite count of what the list shows, once typing pauses.
  useEffect(() => {
    if (!open) {
      setStatus("");
      return;
    }
    const timer = window.setTimeout(() => {
      if (!list) setStatus(loadFailed ? t("codePicker.loadFailed") : t("codePicker.loading"));
      else if (matches.length === 0) setStatus(t("codePicker.none"));
      else if (matches.length > shown.length) setStatus(t("codePicker.countMore", { shown: shown.length, n: matches.length }));
      else setStatus(t("codePicker.count", { n: matches.length }));
    }, 400);
    return () => window.clearTimeout(timer);
  }, [open, list, loadFailed, matches.length, shown.length, t]);

  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: "nearest" });
  }, [active]); // eslint-disable-line react-hooks/exhaustive-deps

  const choose = (code: string) => {
    setText(null);
    setOpen(false);
    setActive(-1);
    if (code !== value) onChange(code);
  };

  const commitTyped = () => {
    if (text === null) return;
    const code = resolveCode(list, text);
    if (strict && !byCode.has(code)) setText(null);
    else choose(code);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        ensureList();
        if (!open) {
          setOpen(true);
          setActive(event.altKey ? -1 : event.key === "ArrowDown" ? 0 : Math.max(shown.length - 1, 0));
          return;
        }
        if (!shown.length) return;
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((a) => (a < 0 ? (step > 0 ? 0 : shown.length - 1) : (a + step + shown.length) % shown.length));
        return;
      }
      case "Enter":
        if (open) {
          event.preventDefault(); // choosing from the list must not submit the form
          if (active >= 0 && shown[active]) choose(shown[active][0]);
          else if (shown.length === 1) choose(shown[0][0]);
        }
        return;
      case "Escape":
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text !== null) {
          event.preventDefault();
          setText(null); // back to the chosen value
        }
        return;
      case "Home":
      case "End":
        if (open) setActive(-1); // the keys move the caret; the list's highlight goes away
        return;
    }
  };

  return (
    <div className="picker-box">
      <input
        id={id}
        name={name}
        ref={inputRef}
        type="text"
        className="input picker-input"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 && shown[active] ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        disabled={disabled}
        value={text ?? display}
        onFocus={ensureList}
        onChange={(e) => {
          ensureList();
          setText(e.target.value);
          setOpen(e.target.value.trim() !== "");
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (open && active >= 0 && shown[active]) choose(shown[active][0]);
          else commitTyped();
          setOpen(false);
          onBlur?.();
        }}
      />
      <ul
        className="picker-list"
        id={listId}
        role="listbox"
        aria-labelledby={props.listLabelledBy}
        aria-label={props.listLabelledBy ? undefined : props.listLabel}
        hidden={!open || shown.length === 0}
      >
        {shown.map(([code, label], i) => (
          <li
            key={code}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className="picker-option"
            onMouseDown={(e) => e.preventDefault()} // keep the focus in the input
            onClick={() => choose(code)}
          >
            <span className="picker-code">{code}</span> {label}
          </li>
        ))}
      </ul>
      {open && list && matches.length === 0 ? (
        <p className="picker-empty" aria-hidden="true">
          {t("codePicker.none")}
        </p>
      ) : null}
      <div className="visually-hidden" role="status">
        {status}
      </div>
    </div>
  );
}
