import pThrottle from "p-throttle";

/**
 * How fast invitations and reminders go out, and how long one task invocation sends before it
 * hands on to the next (the state machine calls it again, from the cursor the task stored).
 *
 * `sendRatePerSecond` is the region's SES sending rate (its account quota; config
 * `mailSendRatePerSecond`). Each running invite or remind task keeps to it on its own: two rounds
 * of one region mailing in the same minutes share the quota, and SES's throttling answers, which
 * the SDK retries, absorb the excess (docs/runbook.md, "Mail").
 *
 * `taskSeconds` is the sending time of one invocation; the task's Lambda timeout is twice it
 * (infra/constructs/survey-rounds.ts), so a page begun near the end still finishes well within.
 */
export type MailPace = { sendRatePerSecond: number; taskSeconds: number };

/** A new SES production account's rate in eu-north-1 (14 mails a second), and five minutes a task. */
export const DEFAULT_MAIL_PACE: MailPace = { sendRatePerSecond: 14, taskSeconds: 300 };

/** The most mails one task invocation sends at `pace`: how many invocations a round's mailing takes follows from it. */
export const mailsPerTask = (pace: MailPace) => pace.sendRatePerSecond * pace.taskSeconds;

export type MailBudget = {
  /** Runs `send` when the rate allows. */
  paced<T>(send: () => Promise<T>): Promise<T>;
  /** True once this invocation has used its sending time: finish the page, store the cursor, hand on. */
  spent(): boolean;
};

/** The budget of one task invocation; without a pace (tests) nothing is held back and the time never runs out. */
export function mailBudget(pace: MailPace | undefined): MailBudget {
  if (!pace) return { paced: (send) => send(), spent: () => false };
  // Wall time, not the domain clock: this is about the Lambda's own running time.
  const started = performance.now();
  const throttle = pThrottle({ limit: Math.max(1, Math.round(pace.sendRatePerSecond)), interval: 1000, strict: true });
  const run = throttle(<T>(send: () => Promise<T>) => send());
  return {
    paced: <T>(send: () => Promise<T>) => run(send) as Promise<T>,
    spent: () => performance.now() - started >= pace.taskSeconds * 1000,
  };
}
