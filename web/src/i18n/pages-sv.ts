/**
 * The start page's and the "page not found" page's texts in Swedish. They load with those pages
 * (pages/texts.ts), not with the participant form (DESIGN.md, "Budgets"). pages-en.ts has the same keys.
 */
export const pagesSv = {
  "home.title": "Kompetensbehov",
  "home.intro":
    "Kompetensbehov samlar in företagens behov av kompetens i regionen, så att utbildningar kan planeras efter det som behövs.",
  "home.participantTitle": "Har du fått en inbjudan?",
  "home.participantText":
    "Öppna länken i e-postmeddelandet du har fått. Länken är personlig och leder direkt till din enkät. Du behöver inget konto.",
  "home.ownerTitle": "För projektägare",
  "home.ownerText": "Registrera organisationer, starta enkätomgångar och följ svaren.",
  "home.ownerLink": "Logga in som projektägare",
  "home.localTitle": "Lokal utveckling",
  "home.outboxLink": "Utkorgen (skickad e-post)",

  "notFound.title": "Sidan finns inte",
  "notFound.text":
    "Kontrollera att adressen är rätt. Om du följde en länk i ett e-postmeddelande: kontrollera att du har kopierat hela länken.",
  "notFound.home": "Till startsidan",
};

export type PagesMessageKey = keyof typeof pagesSv;
