export const INVITATION_STATUSES = ["created", "sent", "opened", "in-progress", "submitted", "bounced", "opted-out"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** One per person and round. The link's token is never stored: only its SHA-256 hash. */
export type Invitation = {
  roundId: string;
  personId: string;
  organisationId: string;
  email: string;
  name: string;
  language: "sv" | "en";
  tokenHash: string;
  status: InvitationStatus;
  /** Segments are copied at invitation time, so results do not shift if the registry is edited later. */
  sni: string;
  municipality: string;
  sizeClass: string;
  sentAt?: string;
  openedAt?: string;
  submittedAt?: string;
  /** ISO times of reminders already sent: a reminder is sent once per scheduled time. */
  remindersSent: string[];
};
