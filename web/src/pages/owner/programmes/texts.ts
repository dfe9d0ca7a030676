import "./programmes.css";
import { registerTexts } from "../../../i18n";
import { programmeSv } from "../../../i18n/programme-sv";
import { programmeEn } from "../../../i18n/programme-en";

// Runs when the programme pages' chunk loads, before any of them renders.
registerTexts({ sv: programmeSv, en: programmeEn });
