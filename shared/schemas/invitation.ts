export const INVITATION_STATUSES = ["created", "sent", "opened", "in-progress", "submitted", "bounced", "opted-out"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/**
 * One per person and round, or for a round whose instrument counts organisations, one per
 * organisation (to its designated respondent). The link's token is never stored: only its SHA-256 hash.
 */
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
  /**
   * An invitation no longer in force: the owner gave the organisation another respondent
   * (`replacedAt`, and who `replacedBy`), or a migration kept another invitation of the
   * organisation (`supersededAt`). Kept for the record, never counted, its links refused.
   */
  replacedAt?: string;
  replacedBy?: string;
  supersededAt?: string;
};
