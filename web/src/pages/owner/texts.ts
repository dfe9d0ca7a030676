import { registerTexts } from "../../i18n";
import { ownerSv } from "../../i18n/owner-sv";
import { ownerEn } from "../../i18n/owner-en";
import { PROJECT_TEXTS } from "./projects/project-texts";
import { SUPPLY_NAV_TEXTS } from "./supply/nav-texts";

// Runs when the owner (or outbox) chunk loads, before any of its pages renders.
registerTexts({ sv: ownerSv, en: ownerEn });
registerTexts(PROJECT_TEXTS);
registerTexts(SUPPLY_NAV_TEXTS);
