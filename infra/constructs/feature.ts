import { createHash } from "node:crypto";
import { Stack, type CfnElement } from "aws-cdk-lib";
import { Construct } from "constructs";

/**
 * A feature of the region (survey rounds, learning cycles, the API, the data): it owns its
 * functions, grants, alarms and cdk-nag acknowledgements. It only groups: its own id is left out
 * of the logical ids of everything inside it (RegionStack.allocateLogicalId), so moving resources
 * into a feature renames nothing in a deployed stack.
 */
export class Feature extends Construct {
  static isFeature(x: unknown): boolean {
    return x instanceof Feature;
  }
}

/**
 * The logical id CDK would give `element` if no Feature were on its path: the same human part
 * and md5 path hash as aws-cdk-lib's makeUniqueId (core/lib/private/uniqueid.js), which is not
 * exported.
 */
export function logicalIdOutsideFeatures(element: CfnElement): string {
  const scopes = element.node.scopes;
  const components = scopes
    .slice(scopes.indexOf(Stack.of(element)) + 1)
    .filter((s) => !Feature.isFeature(s))
    .map((s) => s.node.id)
    .filter((id) => id !== "Default");
  const alphanumeric = (s: string) => s.replace(/[^A-Za-z0-9]/g, "");
  if (components.length === 1 && alphanumeric(components[0]).length <= 255) return alphanumeric(components[0]);
  const hash = createHash("md5").update(components.join("/")).digest("hex").slice(0, 8).toUpperCase();
  const human: string[] = [];
  for (const c of components) if (human.length === 0 || !human[human.length - 1].endsWith(c)) human.push(c);
  return human.filter((c) => c !== "Resource").map(alphanumeric).join("").slice(0, 240) + hash;
}
