import { z } from "zod/mini";
import { InvalidEnvironmentError } from "./environment";

/**
 * The consortium API's environment. CONSORTIUM_MEMBERS is JSON: per member region its id, name,
 * public key (PEM, SPKI, from `aws kms get-public-key` of the region's export key) and where its
 * exports are: an S3 bucket (and prefix) on AWS, a folder locally.
 */
const Member = z.strictObject({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]{1,30}$/)),
  name: z.string().check(z.minLength(1)),
  publicKeyPem: z.string().check(z.regex(/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----\s*$/)),
  bucket: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/))),
  dir: z.optional(z.string().check(z.minLength(1))),
});
export type ConsortiumMemberConfig = z.infer<typeof Member>;

const schema = z.object({
  CONSORTIUM_NAME: z.string().check(z.minLength(1)),
  CONSORTIUM_MEMBERS: z.pipe(
    z.string(),
    z.transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.issues.push({ code: "custom", message: "not JSON", input: text });
        return z.NEVER;
      }
    }),
  ).check(),
});
const members = z.array(Member).check(z.minLength(1));

export function parseConsortiumEnvironment(env: Record<string, string | undefined>): { name: string; members: ConsortiumMemberConfig[] } {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new InvalidEnvironmentError("consortium-api", parsed.error.issues.map((i) => `${String(i.path[0])} is ${env[String(i.path[0])] === undefined ? "missing" : "invalid"}`));
  const list = members.safeParse(parsed.data.CONSORTIUM_MEMBERS);
  if (!list.success) throw new InvalidEnvironmentError("consortium-api", list.error.issues.map((i) => `CONSORTIUM_MEMBERS.${i.path.join(".")} is invalid`));
  const bad = list.data.filter((m) => !m.bucket === !m.dir).map((m) => `CONSORTIUM_MEMBERS ${m.id}: give exactly one of bucket and dir`);
  if (bad.length) throw new InvalidEnvironmentError("consortium-api", bad);
  return { name: parsed.data.CONSORTIUM_NAME, members: list.data };
}
