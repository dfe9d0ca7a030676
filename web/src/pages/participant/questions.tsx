import { useEffect, useState, type ComponentType } from "react";
import type { Instrument, Question } from "../../../../shared/schemas";
import { useI18n } from "../../i18n";
import { NetworkError } from "../../lib/api";
import { ErrorMessage, Loading } from "../../lib/ui";
import { ChoiceGroup, NumberField, TextField, useLocal } from "./controls";

/**
 * A question type that is a chunk of its own (the need matrix, the occupation rows with
 * useFieldArray): the first step does not wait for it. The form preloads it once its first step
 * is on screen, so it renders at once when its step comes; until then it shows "Laddar…".
 */
export function lazyQuestion<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (c) => (loaded = c),
      () => {
        pending = undefined; // try again (the retry button, or the next time the step is shown)
        throw new NetworkError();
      },
    ));
  function Part(props: P) {
    const [part, setPart] = useState(() => loaded);
    const [failed, setFailed] = useState<unknown>(null);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (part) return;
      let live = true;
      preload().then(
        (c) => live && setPart(() => c),
        (error) => live && setFailed(error),
      );
      return () => {
        live = false;
      };
    }, [part, attempt]);
    const Loaded = part;
    if (Loaded) return <Loaded {...props} />;
    if (failed) {
      const retry = () => {
        setFailed(null);
        setAttempt((a) => a + 1);
      };
      return <ErrorMessage error={failed} onRetry={retry} />;
    }
    return <Loading />;
  }
  return { Part, preload };
}

type MatrixQuestion = Extract<Question, { type: "needMatrix" }>;
type OccupationsQuestion = Extract<Question, { type: "occupations" }>;
const NeedMatrix = lazyQuestion<{ q: MatrixQuestion }>(() => import("./Matrix").then((m) => m.NeedMatrix));
const Occupations = lazyQuestion<{ q: OccupationsQuestion }>(() => import("./Occupations").then((m) => m.Occupations));
/** The answers, block by block: the review step and the thank-you page's printable summary. */
export const SummaryPart = lazyQuestion<import("./Summary").SummaryProps>(() => import("./Summary").then((m) => m.Summary));

/** Starts loading the lazy question types the instrument uses. */
export function preloadQuestionParts(instrument: Instrument): void {
  const types = new Set(instrument.blocks.flatMap((b) => b.questions.map((q) => q.type)));
  if (types.has("needMatrix")) NeedMatrix.preload().catch(() => undefined);
  if (types.has("occupations")) Occupations.preload().catch(() => undefined);
  SummaryPart.preload().catch(() => undefined);
}

/** One question of an instrument, rendered by its type. */
export function QuestionField({ q }: { q: Question }) {
  const local = useLocal();
  const { t } = useI18n();
  const help = q.help ? local(q.help) : undefined;
  switch (q.type) {
    case "likert":
      return (
        <ChoiceGroup
          name={q.id}
          className="question likert"
          legend={<span className="question-label">{local(q.text)}</span>}
          hint={help}
          required={q.required}
          numeric
          inline
          options={Array.from({ length: q.scale }, (_, i) => {
            const n = i + 1;
            const anchor = n === 1 ? local(q.minLabel) : n === q.scale ? local(q.maxLabel) : "";
            return {
              value: String(n),
              label: (
                <>
                  <span className="likert-number">{n}</span>
                  {anchor ? <span className="likert-anchor">{anchor}</span> : null}
                </>
              ),
            };
          })}
        />
      );
    case "single":
      return (
        <ChoiceGroup
          name={q.id}
          className="question"
          legend={<span className="question-label">{local(q.text)}</span>}
          hint={help}
          required={q.required}
          options={q.options.map((o) => ({ value: o.value, label: local(o.label) }))}
        />
      );
    case "multi":
      return (
        <ChoiceGroup
          multi
          className="question"
          name={q.id}
          legend={<span className="question-label">{local(q.text)}</span>}
          hint={help}
          required={q.required}
          options={q.options.map((o) => ({ value: o.value, label: local(o.label) }))}
        />
      );
    case "number":
      return (
        <NumberField
          name={q.id}
          className="question"
          label={<span className="question-label">{local(q.text)}</span>}
          hint={
            <>
              {help ? <>{help} </> : null}
              {t("form.numberRange", { min: q.min, max: q.max })}
            </>
          }
          min={q.min}
          max={q.max}
          unit={q.unit ? local(q.unit) : undefined}
          required={q.required}
        />
      );
    case "text":
      return <TextField name={q.id} label={local(q.text)} hint={help} maxLength={q.maxLength} required={q.required} />;
    case "needMatrix":
      return <NeedMatrix.Part q={q} />;
    case "occupations":
      return <Occupations.Part q={q} />;
    default:
      return null;
  }
}
