import type { PagesMessageKey } from "./pages-sv";

/** The public pages' texts in English (start, not found, accessibility statement, about); same keys as pages-sv.ts. */
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

  "a11y.title": "Accessibility statement",
  "a11y.intro":
    "Kompetensbehov is run by the region's project office for skills supply. We want as many people as possible to be able to use it. This statement describes how the service meets the Swedish Act on accessibility to digital public services (2018:1937), the problems we know of, and how to report a problem to us.",
  "a11y.statusTitle": "How accessible is the service?",
  "a11y.status":
    "The survey pages, this page and the page about the service are built to meet WCAG 2.1 level AA (EN 301 549). You should be able to answer the survey with the keyboard alone and with a screen reader, on a phone 360 pixels wide and with text enlarged to 200 per cent, in Swedish or English.",
  "a11y.knownTitle": "Known problems",
  "a11y.known1": "The occupation and industry lists (SSYK and SNI) only have Swedish names, also when the page is shown in English.",
  "a11y.known2": "The project owners' pages (sign-in required) are covered by the same requirements but have not been reviewed as thoroughly as the survey pages.",
  "a11y.alternativeTitle": "If you cannot use the service",
  "a11y.alternative":
    "Do you need to answer in another way, for example by phone or on paper, or do you need the content in another format? Reply to the invitation e-mail and the project will help you.",
  "a11y.reportTitle": "Report a problem",
  "a11y.report":
    "If you come across a problem that is not described here, or think that we do not meet the requirements of the law, please tell us. Reply to the invitation e-mail or contact the region's project office for skills supply through the region's switchboard.",
  "a11y.reportHow": "Please tell us which page it is about, what you were trying to do and which assistive technology you use. We reply within five working days.",
  "a11y.supervisionTitle": "Supervision",
  "a11y.supervision":
    "The Agency for Digital Government (Digg) supervises the Act on accessibility to digital public services. If you are not satisfied with how we handle your report, you can report it to Digg.",
  "a11y.diggLink": "Report inaccessibility to Digg (digg.se, in Swedish)",
  "a11y.testedTitle": "How we have tested",
  "a11y.tested":
    "We test ourselves with every change: automated checks with axe against WCAG 2.1 A and AA on every participant page in both languages, the whole survey with the keyboard alone, a 360-pixel-wide screen without horizontal scrolling, and 200 per cent zoom.",
  "a11y.updated": "This statement was last updated on {date}.",

  "about.title": "About the service and your data",
  "about.intro":
    "Kompetensbehov is the region's tool for finding out which skills companies and other employers need now and in the years ahead, so that education and training in the region can be planned accordingly. The project sends a personal link to a contact person in each organisation.",
  "about.collectedTitle": "What data do we collect?",
  "about.collected1":
    "Details of the organisation: name, organisation number, industry (SNI code), municipality and size class. They come from the project's register and you can correct them in the survey.",
  "about.collected2": "The contact person's name and e-mail address, to send the invitation and reminders.",
  "about.collected3": "Your answers to the survey, and when you opened, saved and submitted it.",
  "about.collected4": "We use no tracking cookies. Your choice of language is stored only in your own browser.",
  "about.purposeTitle": "Why?",
  "about.purpose":
    "The answers are compiled by industry, municipality and region and used to plan education and skills initiatives. Results are shown only for groups of at least five organisations, so that no single organisation's answers can be singled out. The region processes the data as a task in the public interest, as part of its remit for regional development and skills supply.",
  "about.retentionTitle": "How long is the data kept?",
  "about.retention1": "Answers started but not submitted are deleted {draftsDays} days after the survey round has closed.",
  "about.retention2":
    "Submitted answers are deleted {rawAnswersDays} days after the survey round has closed (for a learning network: after its follow-up has closed). Compilations that show no individual organisation or person are kept longer.",
  "about.retention3":
    "Contact details (name and e-mail address) are deleted {contactDataDays} days after the latest invitation or registration. Mails sent are kept for {outboxDays} days, and the log of who did what in the service for {auditLogDays} days.",
  "about.retentionLoading": "Fetching how long the region keeps the data …",
  "about.retention4": "The data is stored in the region's own environment in Sweden and is not passed on to others.",
  "about.rightsTitle": "Your rights",
  "about.rights":
    "You have the right to know what data we hold about you, to have errors corrected and in some cases to have data erased. If you think we handle your personal data wrongly, you can complain to the Swedish Authority for Privacy Protection (IMY).",
  "about.contactTitle": "Whom can I ask?",
  "about.contact":
    "The region is responsible for the data. Questions about the survey and your data are answered by the region's project office for skills supply: reply to the invitation e-mail. The region's data protection officer can be reached through the region's switchboard.",
  "about.a11yLink": "Read about the accessibility of the service",
};
