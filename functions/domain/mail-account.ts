import { ConflictError } from "../../shared/errors";
import type { Deps } from "../adapters/ports";

/** An SES account that may not send to everyone: launching would fail every invitation. */
export class MailAccountNotReadyError extends ConflictError {}

const WHAT_TO_DO = {
  sandbox:
    "The mail account is still in the SES sandbox and can only mail verified addresses, so the invitations would fail. Ask the operators to request SES production access (docs/runbook.md, Deploy), then launch again.",
  paused: "Sending is paused on the mail account (SES), so the invitations would fail. Ask the operators to find out why in SES and re-enable it, then launch again.",
} as const;

/** Refuses (409) when the account cannot mail the invitations; says what to do about it. */
export async function assertCanSendMail(deps: Deps): Promise<void> {
  const status = await deps.mailAccount?.sendingStatus();
  if (status && !status.canSend) throw new MailAccountNotReadyError(`mail-${status.reason}`, WHAT_TO_DO[status.reason]);
}
