import type { Round } from "../../shared/schemas";
import { unitOf } from "../../shared/instruments";
import type { StoredInvitation } from "../stores/invitations";

function formatDate(iso: string, lang: "sv" | "en") {
  return new Intl.DateTimeFormat(lang === "sv" ? "sv-SE" : "en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Stockholm" }).format(new Date(iso));
}

export function invitationMail(round: Round, inv: Pick<StoredInvitation, "name" | "orgName" | "language">, link: string) {
  const lang = inv.language;
  const custom = round.invitationText?.[lang]?.trim();
  // A skills-needs round takes one answer per organisation, from the one person it was sent to.
  const forOrganisation = unitOf(round) === "organisation";
  if (lang === "en")
    return {
      subject: `Invitation: ${round.name}`,
      text: [
        `Hello ${inv.name},`,
        "",
        custom || `You are invited to answer a short survey about ${inv.orgName}'s skills needs. It takes about ten minutes.`,
        "",
        `Your personal link: ${link}`,
        "",
        `The survey closes on ${formatDate(round.closesAt, "en")}. You can save and come back at any time before then.`,
        forOrganisation
          ? `You answer for ${inv.orgName}: we take one answer per organisation. If a colleague should answer instead, tell us and we send them the survey; please do not forward the link.`
          : "The link is personal: please do not forward it.",
      ].join("\n"),
    };
  return {
    subject: `Inbjudan: ${round.name}`,
    text: [
      `Hej ${inv.name},`,
      "",
      custom || `Ni är inbjudna att besvara en kort enkät om ${inv.orgName}s kompetensbehov. Den tar ungefär tio minuter.`,
      "",
      `Din personliga länk: ${link}`,
      "",
      `Enkäten stänger ${formatDate(round.closesAt, "sv")}. Du kan spara och fortsätta senare fram till dess.`,
      forOrganisation
        ? `Du svarar för ${inv.orgName}: vi tar emot ett svar per organisation. Om en kollega ska svara i stället, säg till så skickar vi enkäten till hen; vidarebefordra inte länken.`
        : "Länken är personlig: vidarebefordra den inte.",
    ].join("\n"),
  };
}

export function reminderMail(round: Round, inv: Pick<StoredInvitation, "name" | "language">, link: string) {
  if (inv.language === "en")
    return {
      subject: `Reminder: ${round.name}`,
      text: `Hello ${inv.name},\n\nWe have not yet received your answers. Your personal link: ${link}\n\nThe survey closes on ${formatDate(round.closesAt, "en")}.`,
    };
  return {
    subject: `Påminnelse: ${round.name}`,
    text: `Hej ${inv.name},\n\nVi har ännu inte fått era svar. Din personliga länk: ${link}\n\nEnkäten stänger ${formatDate(round.closesAt, "sv")}.`,
  };
}

export function ownerNoticeMail(round: Round & { submittedCount: number; invitedCount: number }, roundUrl: string) {
  const rate = round.invitedCount ? Math.round((100 * round.submittedCount) / round.invitedCount) : 0;
  return {
    subject: `Omgången är stängd: ${round.name}`,
    text: `Omgången "${round.name}" har stängt.\n\n${round.submittedCount} av ${round.invitedCount} svarade (${rate} %).\nResultaten är sammanställda: ${roundUrl}`,
  };
}
