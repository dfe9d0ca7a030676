/** The texts of the charts' source lines and downloads (BarChart.tsx), registered when the charts load. */
export const CHART_TEXTS = {
  sv: {
    "chartx.source": "Källa: Kompetensbehov, {source}, publicering {release}",
    "chartx.meta": "n = {n} svarande. Svar till och med {date}.",
    "chartx.round": "omgång {name}",
    "chartx.programme": "program {name}",
    "chartx.downloadSvg": "Ladda ned SVG",
    "chartx.downloadPng": "Ladda ned PNG",
    "chartx.downloadOf": "Diagrammet ”{title}”",
    "chartx.legend": "Streckad stapel: skyddat värde, som inte visas för att ingen ska kunna pekas ut.",
    "chartx.targetTitle": "{target}: andel som når målet",
    "chartx.targetNote": "Målet är {target}.",
  },
  en: {
    "chartx.source": "Source: Kompetensbehov, {source}, release {release}",
    "chartx.meta": "n = {n} respondents. Answers up to {date}.",
    "chartx.round": "round {name}",
    "chartx.programme": "programme {name}",
    "chartx.downloadSvg": "Download SVG",
    "chartx.downloadPng": "Download PNG",
    "chartx.downloadOf": "The chart “{title}”",
    "chartx.legend": "Hatched bar: a suppressed value, not shown so that no one can be singled out.",
    "chartx.targetTitle": "{target}: share meeting the target",
    "chartx.targetNote": "The target is {target}.",
  },
} as const;
export type ChartTextKey = keyof typeof CHART_TEXTS.sv;
