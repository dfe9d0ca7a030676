import { useEffect, useId, useRef, useState, type ReactNode, type Ref } from "react";
import { Field } from "./Field";
import { Combobox, type CodeEntry } from "./Combobox";

export { filterCodes, resolveCode, type CodeEntry } from "./Combobox";

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

/** A labelled field around a Combobox whose code list loads on first focus. */
export function CodePicker(props: CodePickerProps) {
  const { label, value, onChange, load, onBlur, name, hint, error, labelSuffix, inputRef, className, maxOptions } = props;
  const autoId = useId();
  const id = props.id ?? `picker-${autoId.replace(/:/g, "")}`;
  const labelId = `${id}-label`;

  const [list, setList] = useState<readonly CodeEntry[] | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
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

  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

  return (
    <Field id={id} label={label} labelId={labelId} labelSuffix={labelSuffix} hint={hint} error={error} className={["picker", className].filter(Boolean).join(" ")}>
      <Combobox
        id={id}
        name={name}
        inputRef={inputRef}
        options={list}
        loadFailed={loadFailed}
        onNeedOptions={ensureList}
        value={value}
        onChange={onChange}
        onBlur={onBlur}
        listLabelledBy={labelId}
        describedBy={describedBy}
        invalid={Boolean(error)}
        maxOptions={maxOptions}
      />
    </Field>
  );
}
