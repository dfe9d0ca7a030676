/** Offline resolution of CloudFormation intrinsics in a synthesized template. */

export type CfnTemplate = {
  Resources: Record<string, CfnResourceJson>;
  Metadata?: Record<string, unknown>;
  [k: string]: unknown;
};
export type CfnResourceJson = {
  Type: string;
  Properties?: Record<string, any>;
  Metadata?: Record<string, unknown>;
  [k: string]: unknown;
};

export const LOCAL_ACCOUNT = "000000000000";
export const HANDLER_METADATA_KEY = "kompetensbehov:handler";

export interface ResolveOptions {
  /** AWS region used in ARNs. @default the template's Metadata.Kompetensbehov.awsRegion, else eu-north-1 */
  readonly awsRegion?: string;
  /** Account used in ARNs. @default 000000000000 */
  readonly account?: string;
}

export function templateRegion(template: CfnTemplate): string {
  const meta = template.Metadata?.Kompetensbehov as { awsRegion?: string } | undefined;
  return meta?.awsRegion ?? "eu-north-1";
}

/**
 * Resolve intrinsics to plain values. Known resources get usable values
 * (Lambda ARN `arn:aws:lambda:<region>:<account>:function:<LogicalId>`, state machine ARN,
 * table name = logical id); anything else becomes a placeholder `<LogicalId>` / `<LogicalId.Attr>`.
 */
export function resolveValue(template: CfnTemplate, value: unknown, opts: ResolveOptions = {}): any {
  const region = opts.awsRegion ?? templateRegion(template);
  const account = opts.account ?? LOCAL_ACCOUNT;
  const res = template.Resources;

  const ref = (name: string): string => {
    switch (name) {
      case "AWS::Region": return region;
      case "AWS::AccountId": return account;
      case "AWS::Partition": return "aws";
      case "AWS::URLSuffix": return "amazonaws.com";
      case "AWS::StackName": return "<AWS::StackName>";
      case "AWS::StackId": return "<AWS::StackId>";
      case "AWS::NoValue": return "";
    }
    const r = res[name];
    if (!r) return `<${name}>`;
    switch (r.Type) {
      case "AWS::StepFunctions::StateMachine": return stateMachineArn(name, r);
      case "AWS::Lambda::Function":
      case "AWS::DynamoDB::Table":
        return name;
      default: return `<${name}>`;
    }
  };
  const stateMachineArn = (id: string, r: CfnResourceJson) => {
    const n = r.Properties?.StateMachineName;
    return `arn:aws:states:${region}:${account}:stateMachine:${typeof n === "string" ? n : id}`;
  };
  const getAtt = (id: string, attr: string): string => {
    const r = res[id];
    if (r && attr === "Arn") {
      if (r.Type === "AWS::Lambda::Function") return `arn:aws:lambda:${region}:${account}:function:${id}`;
      if (r.Type === "AWS::StepFunctions::StateMachine") return stateMachineArn(id, r);
      if (r.Type === "AWS::DynamoDB::Table") return `arn:aws:dynamodb:${region}:${account}:table/${id}`;
    }
    return `<${id}.${attr}>`;
  };

  const walk = (v: any): any => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== "object") return v;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const [k] = keys;
      const a = v[k];
      switch (k) {
        case "Ref": return ref(a);
        case "Fn::GetAtt": {
          const [id, attr] = Array.isArray(a) ? a : String(a).split(/\.(.*)/s);
          return getAtt(id, attr);
        }
        case "Fn::Join": {
          const [sep, parts] = a;
          return (walk(parts) as unknown[]).map(String).join(sep);
        }
        case "Fn::Select": {
          const [i, list] = a;
          return (walk(list) as unknown[])[Number(walk(i))];
        }
        case "Fn::Split": {
          const [sep, s] = a;
          return String(walk(s)).split(sep);
        }
        case "Fn::Sub": {
          const [tpl, vars] = Array.isArray(a) ? a : [a, {}];
          const rv = walk(vars ?? {});
          return String(tpl).replace(/\$\{([^}!]+)\}/g, (_m, name: string) => {
            if (name in rv) return String(rv[name]);
            const [id, attr] = name.split(/\.(.*)/s);
            return attr ? getAtt(id, attr) : ref(id);
          });
        }
        case "Fn::ImportValue": return `<ImportValue:${JSON.stringify(walk(a))}>`;
        case "Fn::If": return `<If:${a[0]}>`;
      }
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = walk(v[k]);
    return out;
  };
  return walk(value);
}

/** Logical id -> handler path (`kompetensbehov:handler` metadata) of every Lambda function. */
export function functionHandlers(template: CfnTemplate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, r] of Object.entries(template.Resources)) {
    const h = r.Type === "AWS::Lambda::Function" ? r.Metadata?.[HANDLER_METADATA_KEY] : undefined;
    if (typeof h === "string") out[id] = h;
  }
  return out;
}

/** Logical id of the Lambda function a (possibly unresolved) reference points at, if any. */
export function referencedFunction(template: CfnTemplate, value: unknown): string | undefined {
  let found: string | undefined;
  const walk = (v: any) => {
    if (found || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) return v.forEach(walk);
    if ("Fn::GetAtt" in v) {
      const a = v["Fn::GetAtt"];
      const id = Array.isArray(a) ? a[0] : String(a).split(".")[0];
      if (template.Resources[id]?.Type === "AWS::Lambda::Function") found = id;
    }
    if ("Ref" in v && template.Resources[v.Ref]?.Type === "AWS::Lambda::Function") found = v.Ref;
    Object.values(v).forEach(walk);
  };
  walk(value);
  return found;
}
