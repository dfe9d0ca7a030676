import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { sv, type MessageKey as SiteKey } from "./sv";
import { en } from "./en";
import type { OwnerMessageKey } from "./owner-sv";
import type { PagesMessageKey } from "./pages-sv";
import type { ProgrammeMessageKey } from "./programme-sv";
import type { ConsortiumMessageKey } from "./consortium-sv";

export type Lang = "sv" | "en";
/**
 * Every text key: the site's (sv.ts), the owner pages' (owner-sv.ts) and the start and "not found"
 * pages' (pages-sv.ts) and the learning programmes' (programme-sv.ts); the last three load with their pages.
 */
export type MessageKey = SiteKey | OwnerMessageKey | PagesMessageKey | ProgrammeMessageKey | ConsortiumMessageKey;
const DICTIONARIES: Record<Lang, Record<string, string>> = { sv: { ...sv }, en: { ...en } };

/** Adds texts that load with a lazy chunk (the owner and start pages call this when their chunk loads). */
export function registerTexts(texts: Record<Lang, Record<string, string>>): void {
  Object.assign(DICTIONARIES.sv, texts.sv);
  Object.assign(DICTIONARIES.en, texts.en);
}
const STORAGE_KEY = "kb.lang";

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

type I18n = {
  lang: Lang;
  /** Changes the language and remembers the person's choice. */
  setLang: (lang: Lang) => void;
  /** Sets the language unless the person has chosen one (e.g. from the invitation's language). */
  suggestLang: (lang: Lang) => void;
  t: Translate;
  /** Translates a message key that comes from data (schema/API issues); unknown keys fall back. */
  tMessage: (message: string | undefined, vars?: Record<string, string | number>) => string;
  locale: string;
};

const I18nContext = createContext<I18n | null>(null);

function storedLang(): Lang | null {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === "sv" || v === "en" ? v : null;
  } catch {
    return null;
  }
}

function fill(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(DICTIONARIES.sv, key);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => storedLang() ?? "sv");

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage may be blocked: the choice then lasts for this page only
    }
  }, []);

  const suggestLang = useCallback((next: Lang) => {
    if (!storedLang()) setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const dict = DICTIONARIES[lang];
    const t: Translate = (key, vars) => fill(dict[key] ?? key, vars);
    const tMessage = (message: string | undefined, vars?: Record<string, string | number>) =>
      message && isMessageKey(message) ? t(message, vars) : t("error.invalid");
    return { lang, setLang, suggestLang, t, tMessage, locale: lang === "sv" ? "sv-SE" : "en-GB" };
  }, [lang, setLang, suggestLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n outside I18nProvider");
  return ctx;
}

/** The visible language switch: "English" in Swedish, "Svenska" in English. */
export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  const target = t("lang.switchLang") as Lang;
  return (
    <button type="button" className="lang-switch" lang={target} onClick={() => setLang(target)} data-current={lang}>
      {t("lang.switch")}
    </button>
  );
}
