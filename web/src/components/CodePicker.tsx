import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from "react";
import { useI18n } from "../i18n";
import { ErrorText } from "./ErrorText";

/** [code, label]: a code list's entry (labels in Swedish, as the classifications publish them). */
export type CodeEntry = readonly [code: string, label: string];

export type CodePickerProps = {
  /** The visible label of the field. */
  label: ReactNode;
  /** The chosen code, "" when none. Text that names no code is passed on as typed (the schema rejects it). */
  value: string;
  onChange: (code: string) => void;
  /** Loads the code list; called once, on first focus (or when a value needs its label). */
  load: () => Promise<readonly CodeEntry[]>;
  onBlur?: () => void;
  /** The input's id (error summaries link to it); generated when left out. */
  id?: string;
  name?: string;
  hint?: ReactNode;
  /** An error message shown next to the field (and marking it invalid). */
  error?: string;
  /** Shown after the label, e.g. "(frivillig)". */
  labelSuffix?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
  /** How many matches the list shows at most. @default 50 */
  maxOptions?: number;
};

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

/**
 * A searchable code picker (an ARIA 1.2 combobox with a listbox popup and aria-activedescendant):
 * type a code or words of the label to filter, arrow keys to move, Enter to choose, Escape to
 * close. The code list loads on first focus. Generic: SSYK occupations, SNI industries, ...
 */
export function CodePicker(props: CodePickerProps) {
  const { label, value, onChange, load, onBlur, name, hint, error, labelSuffix, inputRef, className, maxOptions = 50 } = props;
  const { t } = useI18n();
  const autoId = useId();
  const id = props.id ?? `picker-${autoId.replace(/:/g, "")}`;
  const listId = `${id}-list`;
  const labelId = `${id}-label`;

  const [list, setList] = useState<readonly CodeEntry[] | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [text, setText] = useState<string | null>(null); // null: not editing, show the value
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  const loading = useRef(false);

  const ensureList = () => {
    if (list || loading.current) return;
    loading.current = true;
    load().then(
      (l) => {
        loading.current = false;
        setLoadFailed(false);
        setList(l);
      },
      () => {
        loading.current = false;
        setLoadFailed(true);
      },
    );
  };
  // A value from a saved draft shows its label as soon as the list is there.
  useEffect(() => {
    if (value) ensureList();
  }, [value]); // eslint-disable-line react-hooks/exhaustive-deps

  const byCode = useMemo(() => new Map(list ?? []), [list]);
  const display = value ? (byCode.has(value) ? `${value} – ${byCode.get(value)}` : value) : "";
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
    choose(resolveCode(list, text));
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

  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

  return (
    <div className={["field", "picker", className, error && "has-error"].filter(Boolean).join(" ")}>
      <label htmlFor={id} id={labelId}>
        {label}
        {labelSuffix}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? <ErrorText id={`${id}-error`}>{error}</ErrorText> : null}
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
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
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
        <ul className="picker-list" id={listId} role="listbox" aria-labelledby={labelId} hidden={!open || shown.length === 0}>
          {shown.map(([code, name], i) => (
            <li
              key={code}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className="picker-option"
              onMouseDown={(e) => e.preventDefault()} // keep the focus in the input
              onClick={() => choose(code)}
            >
              <span className="picker-code">{code}</span> {name}
            </li>
          ))}
        </ul>
      </div>
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
