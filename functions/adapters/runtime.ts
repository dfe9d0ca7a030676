import { createDocumentClient } from "./dynamodb";
import { createStores } from "../stores";
import { outboxMailer, sesMailer } from "./mailer";
import type { Deps } from "./ports";
import { stepFunctionsRoundWorkflows } from "./round-workflows";
import { createSfnClient } from "./step-functions";
import { stepFunctionsCycleWorkflows } from "./cycle-workflows";

let deps: Deps | undefined;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

/** The handlers' ports, built from the environment once per module instance (Lambda reuses it). */
export function runtimeDeps(): Deps {
  if (deps) return deps;
  const stores = createStores({ doc: createDocumentClient(), name: required("TABLE_NAME") });
  const clock = () => new Date();
  const sfn = createSfnClient();
  deps = {
    stores,
    clock,
    mailer: process.env.MAIL_MODE === "outbox" ? outboxMailer(stores.outbox, clock) : sesMailer(required("MAIL_FROM")),
    workflows: stepFunctionsRoundWorkflows(process.env.ROUND_STATE_MACHINE_ARN ?? "", sfn),
    cycles: stepFunctionsCycleWorkflows(process.env.CYCLE_STATE_MACHINE_ARN ?? "", sfn),
    regionId: required("REGION_ID"),
    k: Number(process.env.DISCLOSURE_K ?? 5),
    siteUrl: process.env.SITE_URL ?? "",
    maxWaitSeconds: Number(process.env.MAX_WAIT_SECONDS ?? 86400),
    cyclePollSeconds: Number(process.env.CYCLE_POLL_SECONDS ?? 900),
  };
  return deps;
}
