import { registerTexts } from "../i18n";
import { pagesSv } from "../i18n/pages-sv";
import { pagesEn } from "../i18n/pages-en";

// Runs when the start page's or the "not found" page's chunk loads, before the page renders.
registerTexts({ sv: pagesSv, en: pagesEn });
