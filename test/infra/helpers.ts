import { synthRegionTemplate, type CfnTemplate } from "../../infra/template/index";

let cached: CfnTemplate | undefined;

/** The ostergotland template without asset bundling, synthesized once per test file. */
export function ostergotlandTemplate(): CfnTemplate {
  cached ??= synthRegionTemplate("ostergotland");
  return cached;
}

export function resourcesOfType(t: CfnTemplate, type: string): Array<[string, any]> {
  return Object.entries(t.Resources).filter(([, r]) => r.Type === type);
}

/** All IAM statements attached to the role of the function with this handler. */
export function roleStatements(t: CfnTemplate, handler: string): any[] {
  const [fnId] = resourcesOfType(t, "AWS::Lambda::Function").find(([, r]) => r.Metadata?.["kompetensbehov:handler"] === handler) ?? [];
  if (!fnId) throw new Error(`no function for ${handler}`);
  const roleId = t.Resources[fnId].Properties!.Role["Fn::GetAtt"][0];
  return resourcesOfType(t, "AWS::IAM::Policy")
    .filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
}

export function actionsOf(statements: any[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}
