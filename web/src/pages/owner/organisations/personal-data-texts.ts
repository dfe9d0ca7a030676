/** The texts of a person's data controls (PersonalData.tsx), registered when they load. */
export const PERSONAL_DATA_TEXTS = {
  sv: {
    "pd.export": "Ladda ner personens uppgifter",
    "pd.exporting": "Hämtar …",
    "pd.erase": "Radera personen …",
    "pd.confirmTitle": "Radera {name}?",
    "pd.confirmText":
      "Namn, e-postadress och andra personuppgifter tas bort från kontaktregistret, inbjudningarna, utkasten och utskicken, och personens länkar slutar gälla. Inskickade svar finns kvar utan fritext och utan koppling till personen, så publicerade resultat ändras inte. Det går inte att ångra.",
    "pd.confirm": "Radera för gott",
    "pd.erasing": "Raderar …",
    "pd.cancel": "Avbryt",
    "pd.erased": "{name} är raderad.",
  },
  en: {
    "pd.export": "Download the person's data",
    "pd.exporting": "Fetching …",
    "pd.erase": "Erase the person …",
    "pd.confirmTitle": "Erase {name}?",
    "pd.confirmText":
      "The name, e-mail address and other personal data are removed from the contacts, the invitations, the drafts and the mail sent, and the person's links stop working. Submitted answers remain without free text and without a link to the person, so published results do not change. This cannot be undone.",
    "pd.confirm": "Erase for good",
    "pd.erasing": "Erasing …",
    "pd.cancel": "Cancel",
    "pd.erased": "{name} has been erased.",
  },
} as const;
