/**
 * The public pages' texts in Swedish: the start page, "page not found", the accessibility statement
 * (/tillganglighet) and the page about the service and its data (/om-tjansten). They load with those
 * pages (pages/texts.ts), not with the participant form (DESIGN.md, "Budgets"). pages-en.ts has the same keys.
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

  "a11y.title": "Tillgänglighetsredogörelse",
  "a11y.intro":
    "Kompetensbehov drivs av regionens projektkontor för kompetensförsörjning. Vi vill att så många som möjligt ska kunna använda tjänsten. Här beskriver vi hur tjänsten uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka brister vi känner till och hur du kan rapportera problem till oss.",
  "a11y.statusTitle": "Hur tillgänglig är tjänsten?",
  "a11y.status":
    "Enkätsidorna, den här sidan och sidan om tjänsten är gjorda för att uppfylla WCAG 2.1 nivå AA (EN 301 549). Du ska kunna svara på enkäten med enbart tangentbord och med skärmläsare, på en mobil som är 360 pixlar bred och med texten förstorad till 200 procent, på svenska eller engelska.",
  "a11y.knownTitle": "Kända brister",
  "a11y.known1": "Yrkes- och branschlistorna (SSYK och SNI) har bara svenska benämningar, även när sidan visas på engelska.",
  "a11y.known2": "Sidorna för projektägare (kräver inloggning) omfattas av samma krav men har inte granskats lika utförligt som enkätsidorna.",
  "a11y.alternativeTitle": "Om du inte kan använda tjänsten",
  "a11y.alternative":
    "Behöver du svara på något annat sätt, till exempel per telefon eller på papper, eller behöver du innehållet i ett annat format? Svara på e-postmeddelandet med inbjudan, så hjälper projektet dig.",
  "a11y.reportTitle": "Rapportera brister",
  "a11y.report":
    "Om du stöter på problem som inte beskrivs här, eller om du anser att vi inte uppfyller lagens krav, vill vi veta det. Svara på e-postmeddelandet med inbjudan eller kontakta regionens projektkontor för kompetensförsörjning via regionens växel.",
  "a11y.reportHow": "Berätta gärna vilken sida det gäller, vad du försökte göra och vilket hjälpmedel du använder. Vi svarar inom fem arbetsdagar.",
  "a11y.supervisionTitle": "Tillsyn",
  "a11y.supervision":
    "Myndigheten för digital förvaltning (Digg) har tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du anmäla det till Digg.",
  "a11y.diggLink": "Anmäl bristande tillgänglighet till Digg (digg.se)",
  "a11y.testedTitle": "Hur vi har testat",
  "a11y.tested":
    "Vi testar själva vid varje ändring: automatiska kontroller med axe mot WCAG 2.1 A och AA på alla sidor för deltagare på båda språken, hela enkäten med enbart tangentbord, en 360 pixlar bred skärm utan vågrät rullning och 200 procents förstoring.",
  "a11y.updated": "Redogörelsen uppdaterades senast {date}.",

  "about.title": "Om tjänsten och dina uppgifter",
  "about.intro":
    "Kompetensbehov är regionens verktyg för att ta reda på vilken kompetens företag och andra arbetsgivare behöver nu och framåt, så att utbildningar i regionen kan planeras efter det. Projektet skickar en personlig länk till en kontaktperson i varje organisation.",
  "about.collectedTitle": "Vilka uppgifter samlar vi in?",
  "about.collected1":
    "Uppgifter om organisationen: namn, organisationsnummer, bransch (SNI-kod), kommun och storleksklass. De kommer från projektets register och du kan rätta dem i enkäten.",
  "about.collected2": "Kontaktpersonens namn och e-postadress, för att skicka inbjudan och påminnelser.",
  "about.collected3": "Svaren på enkäten, och när du öppnade, sparade och skickade in den.",
  "about.collected4":
    "Vi använder inga kakor för spårning. Ditt språkval sparas bara i din egen webbläsare.",
  "about.purposeTitle": "Varför?",
  "about.purpose":
    "Svaren sammanställs per bransch, kommun och region och används för att planera utbildning och kompetensinsatser. Resultat visas bara för grupper med minst fem organisationer, så att ingen enskild organisations svar kan pekas ut. Regionen behandlar uppgifterna som en uppgift av allmänt intresse inom sitt uppdrag för regional utveckling och kompetensförsörjning.",
  "about.retentionTitle": "Hur länge sparas uppgifterna?",
  "about.retention1": "Påbörjade men inte inskickade svar raderas {draftsDays} dagar efter att enkätomgången har stängt.",
  "about.retention2":
    "Inskickade svar raderas {rawAnswersDays} dagar efter att enkätomgången har stängt (för ett lärande nätverk: efter att uppföljningen har stängt). Sammanställningar som inte visar enskilda organisationer eller personer sparas längre.",
  "about.retention3":
    "Kontaktuppgifter (namn och e-postadress) raderas {contactDataDays} dagar efter senaste inbjudan eller registrering. Skickade e-postmeddelanden sparas i {outboxDays} dagar, och loggen över vem som gjort vad i tjänsten i {auditLogDays} dagar.",
  "about.retentionLoading": "Hämtar hur länge regionen sparar uppgifterna …",
  "about.retention4": "Uppgifterna lagras i regionens egen driftmiljö i Sverige och lämnas inte ut till andra.",
  "about.rightsTitle": "Dina rättigheter",
  "about.rights":
    "Du har rätt att få veta vilka uppgifter vi har om dig, att få fel rättade och i vissa fall att få uppgifter raderade. Om du anser att vi behandlar dina personuppgifter fel kan du klaga hos Integritetsskyddsmyndigheten (IMY).",
  "about.contactTitle": "Vem kan jag fråga?",
  "about.contact":
    "Regionen är ansvarig för uppgifterna. Frågor om enkäten och dina uppgifter besvaras av regionens projektkontor för kompetensförsörjning: svara på e-postmeddelandet med inbjudan. Regionens dataskyddsombud nås via regionens växel.",
  "about.a11yLink": "Läs om tjänstens tillgänglighet",
};

export type PagesMessageKey = keyof typeof pagesSv;
