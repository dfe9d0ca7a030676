import type { PagesMessageKey } from "./pages-sv";

/** The start page's and the "page not found" page's texts in English; same keys as pages-sv.ts. */
export const pagesEn: Record<PagesMessageKey, string> = {
  "home.title": "Kompetensbehov",
  "home.intro":
    "Kompetensbehov collects the skills needs of the region's companies, so that education and training can be planned around what is needed.",
  "home.participantTitle": "Have you received an invitation?",
  "home.participantText":
    "Open the link in the e-mail you received. The link is personal and takes you straight to your survey. You do not need an account.",
  "home.ownerTitle": "For project owners",
  "home.ownerText": "Register organisations, launch survey rounds and follow the responses.",
  "home.ownerLink": "Sign in as project owner",
  "home.localTitle": "Local development",
  "home.outboxLink": "Outbox (sent e-mail)",

  "notFound.title": "Page not found",
  "notFound.text":
    "Check that the address is correct. If you followed a link in an e-mail, make sure you copied the whole link.",
  "notFound.home": "Go to the start page",
};
