import { registerTexts, useI18n } from "../../i18n";
import { FEEDBACK_TEXTS, type FeedbackTextKey } from "./feedback-texts";

registerTexts(FEEDBACK_TEXTS);

/** The feedback chunk's own texts (feedback-texts.ts), in the reader's language. */
export function useFeedbackTexts() {
  const { tMessage, lang, locale } = useI18n();
  const t = (key: FeedbackTextKey, vars?: Record<string, string | number>) => tMessage(key, vars);
  const local = (text: { sv: string; en: string } | undefined) => (text ? text[lang] : "");
  return { t, local, locale };
}
