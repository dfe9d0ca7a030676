import { GetAccountCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import type { MailAccount, MailSendingStatus } from "./ports";

/** The SES account's status (SESv2 GetAccount): paused sending, or still in the sandbox. */
export function sesMailAccount(client: Pick<SESv2Client, "send"> = new SESv2Client({})): MailAccount {
  return {
    async sendingStatus(): Promise<MailSendingStatus> {
      const account = await client.send(new GetAccountCommand({}));
      if (account.SendingEnabled === false) return { canSend: false, reason: "paused" };
      if (!account.ProductionAccessEnabled) return { canSend: false, reason: "sandbox" };
      return { canSend: true };
    },
  };
}

/** A fixed status: the local stack's outbox, in or out of a pretended sandbox. */
export function fixedMailAccount(status: MailSendingStatus): MailAccount {
  return { sendingStatus: async () => status };
}
