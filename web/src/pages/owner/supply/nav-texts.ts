/** The few supply texts the owner pages show before the supply chunk loads: the menu item and the links from a round's results. */
export const SUPPLY_NAV_TEXTS = {
  sv: { "sup.nav": "Utbildningsutbud", "sup.toGap": "Utbud mot behov", "sup.toShortage": "Bristyrken" },
  en: { "sup.nav": "Education supply", "sup.toGap": "Supply against needs", "sup.toShortage": "Shortage occupations" },
} as const;
