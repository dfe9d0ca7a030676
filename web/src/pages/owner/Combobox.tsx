import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useI18n } from "../../i18n";

export type Option = { code: string; label: string };

const MAX_SHOWN = 50;

/** Options whose code starts with the query or whose label contains it (case- and accent-aware, Swedish). */
export function filterOptions(options: Option[], query: string): Option[] {
  const q = query.trim().toLocaleLowerCase("sv");
  if (!q) return options;
  const digits = q.replace(/[\s.-]/g, "");
  const byCode: Option[] = [];
  const byLabel: Option[] = [];
  for (const o of options) {
    if (/^\d+$/.test(digits) && o.code.startsWith(digits)) byCode.push(o);
    else if (o.label.toLocaleLowerCase("sv").includes(q)) byLabel.push(o);
  }
  return [...byCode, ...byLabel];
}

export const optionText = (o: Option) => `${o.code} ${o.label}`;

type Props = {
  id: string;
  options: Option[];
  /** The selected code ("" for none). */
  value: string;
  onSelect: (code: string) => void;
  /** Clears the text after a choice (for adding to a list). */
  clearOnSelect?: boolean;
  describedBy?: string;
  invalid?: boolean;
  disabled?: boolean;
};

/**
 * A searchable picker (the ARIA 1.2 combobox with a list box): type a code or a part of a name,
 * move with the arrow keys, choose with Enter or a click; Escape closes the list.
 */
export function Combobox({ id, options, value, onSelect, clearOnSelect, describedBy, invalid, disabled }: Props) {
  const { t } = useI18n();
  const listId = useId();
  const statusId = useId();
  const selected = options.find((o) => o.code === value);
  const [text, setText] = useState<string | null>(null); // null: not editing, shows the selection
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1); // -1: typing, no option chosen with the arrows yet
  const listRef = useRef<HTMLUListElement>(null);

  const shownText = text ?? (clearOnSelect ? "" : selected ? optionText(selected) : value);
  const matches = useMemo(() => (text === null ? options : filterOptions(options, text)), [options, text]);
  const shown = matches.slice(0, MAX_SHOWN);
  const expanded = open && shown.length > 0;
  const optionId = (i: number) => `${listId}-o${i}`;

  function choose(o: Option) {
    onSelect(o.code);
    setText(clearOnSelect ? "" : null);
    setOpen(false);
  }

  function move(to: number) {
    const next = Math.max(0, Math.min(shown.length - 1, to));
    if (shown.length === 0) return;
    setActive(next);
    setOpen(true);
    requestAnimationFrame(() => document.getElementById(optionId(next))?.scrollIntoView({ block: "nearest" }));
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      move(open ? Math.min(active + 1, shown.length - 1) : 0);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      move(Math.max(active - 1, 0));
    } else if (e.key === "Enter") {
      const pick = expanded ? (shown[active] ?? (matches.length === 1 ? shown[0] : undefined)) : undefined;
      if (pick) {
        e.preventDefault();
        choose(pick);
      }
    } else if (e.key === "Escape") {
      if (open) {
        e.preventDefault();
        setOpen(false);
      } else setText(clearOnSelect ? "" : null);
    }
  }

  const status =
    text === null || !open
      ? ""
      : matches.length === 0
        ? t("picker.noMatches")
        : matches.length > MAX_SHOWN
          ? t("picker.manyMatches", { n: matches.length, shown: MAX_SHOWN })
          : t("picker.matches", { n: matches.length });

  return (
    <div className="combobox">
      <input
        id={id}
        className="input"
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && shown[active] ? optionId(active) : undefined}
        aria-describedby={[describedBy, statusId].filter(Boolean).join(" ")}
        aria-invalid={invalid || undefined}
        disabled={disabled}
        value={shownText}
        onChange={(e) => {
          setText(e.target.value);
          setActive(-1);
          setOpen(true);
        }}
        onFocus={(e) => e.target.select()}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // A typed exact code counts as a choice; anything else falls back to the selection.
          const typed = text?.trim();
          const exact = typed ? options.find((o) => o.code === typed) : undefined;
          if (exact) onSelect(exact.code);
          setText(clearOnSelect ? "" : null);
          setOpen(false);
        }}
      />
      <ul id={listId} role="listbox" ref={listRef} className="combobox-list" hidden={!expanded} aria-label={t("picker.suggestions")}>
        {expanded
          ? shown.map((o, i) => (
              <li
                key={o.code}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={i === active ? "combobox-option is-active" : "combobox-option"}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(o)}
              >
                <span className="combobox-code">{o.code}</span> {o.label}
              </li>
            ))
          : null}
      </ul>
      <span id={statusId} className="visually-hidden" role="status">
        {status}
      </span>
    </div>
  );
}

/** Several codes chosen with a Combobox, listed below it with a remove button each. */
export function MultiPicker({
  id,
  options,
  values,
  onChange,
  describedBy,
  invalid,
  removeLabel,
}: {
  id: string;
  options: Option[];
  values: string[];
  onChange: (values: string[]) => void;
  describedBy?: string;
  invalid?: boolean;
  removeLabel: (text: string) => string;
}) {
  const inputRef = useRef<HTMLDivElement>(null);
  const available = useMemo(() => options.filter((o) => !values.includes(o.code)), [options, values]);
  const label = (code: string) => {
    const o = options.find((x) => x.code === code);
    return o ? optionText(o) : code;
  };
  return (
    <div ref={inputRef}>
      <Combobox id={id} options={available} value="" clearOnSelect onSelect={(code) => onChange([...values, code])} describedBy={describedBy} invalid={invalid} />
      {values.length ? (
        <ul className="chips">
          {values.map((code, i) => (
            <li key={code}>
              <span>{label(code)}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={removeLabel(label(code))}
                onClick={() => {
                  onChange(values.filter((v) => v !== code));
                  // Keep the keyboard near: the next chip's button, else the picker.
                  requestAnimationFrame(() => {
                    const buttons = inputRef.current?.querySelectorAll<HTMLButtonElement>(".chip-remove");
                    (buttons?.[Math.min(i, (buttons?.length ?? 1) - 1)] ?? document.getElementById(id))?.focus();
                  });
                }}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
