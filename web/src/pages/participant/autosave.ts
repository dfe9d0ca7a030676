import { useCallback, useEffect, useRef, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { FormView, Instrument } from "../../../../shared/schemas";
import { api } from "../../lib/api";
import { cleanAnswers, removePath } from "./answers";
import { formUrl, loadValidation, outcomeOf, type FormValues, type PageState } from "./form-session";

export type SaveState = { kind: "idle" } | { kind: "saving"; last?: string } | { kind: "saved"; at: string } | { kind: "failed" };

/**
 * Saves the answers as a draft 1.5 s after the last change and when the page is hidden. Saves run
 * one after another; `settle` waits for the one in flight and `finish` stops further saves, so
 * that no draft lands after the submission.
 */
export function useDraftAutosave(
  form: UseFormReturn<FormValues>,
  instrument: Instrument,
  draft: FormView["draft"],
  token: string,
  onOutcome: (s: PageState) => void,
) {
  const { getValues, watch, trigger, getFieldState } = form;
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const finished = useRef(false);
  const lastSaved = useRef<string>("");
  const chain = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<number | undefined>(undefined);

  const draftAnswers = useCallback(async () => {
    const answers = cleanAnswers(getValues(), instrument, true);
    const { draftIssues } = await loadValidation();
    // Never let a half-typed value block a save: leave out what the draft schema rejects.
    for (let i = 0; i < 3; i++) {
      const issues = draftIssues(instrument, answers);
      if (issues.length === 0) break;
      for (const issue of issues) removePath(answers, issue.path);
    }
    return answers;
  }, [getValues, instrument]);

  if (lastSaved.current === "") lastSaved.current = JSON.stringify(cleanAnswers(draft ?? {}, instrument, true));

  const saveNow = useCallback(
    (keepalive = false): Promise<void> => {
      window.clearTimeout(timer.current);
      chain.current = chain.current.then(async () => {
        if (finished.current) return;
        try {
          const answers = await draftAnswers();
          const body = JSON.stringify(answers);
          if (body === lastSaved.current) return;
          setSave((s) => ({ kind: "saving", last: s.kind === "saved" ? s.at : undefined }));
          const result = await api<{ savedAt: string }>(formUrl("/draft"), { method: "PUT", formToken: token, body: { answers }, keepalive });
          lastSaved.current = body;
          setSave({ kind: "saved", at: result?.savedAt ?? new Date().toISOString() });
        } catch (error) {
          const outcome = outcomeOf(error);
          if (outcome && !finished.current) {
            finished.current = true;
            onOutcome(outcome);
          } else setSave({ kind: "failed" });
        }
      });
      return chain.current;
    },
    [draftAnswers, token, onOutcome],
  );

  useEffect(() => {
    const sub = watch((_values, { name }) => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void saveNow(), 1500);
      // An error shown next to a question goes away as soon as the answer is fixed.
      const qid = name?.split(".")[0];
      if (qid && getFieldState(qid).error) void trigger(qid);
    });
    const onHide = () => {
      if (document.visibilityState === "hidden") void saveNow(true);
    };
    document.addEventListener("visibilitychange", onHide);
    return () => {
      sub.unsubscribe();
      document.removeEventListener("visibilitychange", onHide);
      window.clearTimeout(timer.current);
    };
  }, [watch, saveNow, trigger, getFieldState]);

  const settle = useCallback(() => {
    window.clearTimeout(timer.current);
    return chain.current;
  }, []);
  const finish = useCallback(() => {
    finished.current = true;
  }, []);
  return { save, saveNow, settle, finish };
}
