import "./supply.css";
import { registerTexts, useI18n } from "../../../i18n";
import { SUPPLY_TEXTS, type SupplyKey } from "./supply-texts";

// Runs when the supply pages' chunk loads, before any of them renders.
registerTexts(SUPPLY_TEXTS);

/** The supply pages' texts, typed by their keys. */
export function useSupplyTexts() {
  const { tMessage } = useI18n();
  return (key: SupplyKey, vars?: Record<string, string | number>) => tMessage(key, vars);
}
