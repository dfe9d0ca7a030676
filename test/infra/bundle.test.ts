import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { functionHandlers, synthRegionTemplate } from "../../infra/template/index";
import { repoRoot } from "../../infra/constructs/paths";

const HANDLERS = [
  "api/owner-api", "api/participant-api", "api/programme-api",
  "workflow/plan", "workflow/invite", "workflow/remind", "workflow/close",
  "workflow/aggregate", "workflow/notify", "workflow/mark-failed",
  "workflow/cycle-plan", "workflow/cycle-notify", "workflow/cycle-await-record", "workflow/cycle-remind-facilitator",
  "workflow/cycle-open-stage", "workflow/cycle-remind", "workflow/cycle-close-stage", "workflow/cycle-complete", "workflow/cycle-mark-failed",
  "streams/count-responses", "streams/mail-feedback", "workflow/execution-status", "exports/export-worker",
];
describe("handler bundles", () => {
  it("every handler the stack deploys has its module under functions/", () => {
    const missing = HANDLERS.filter((h) => !fs.existsSync(path.join(repoRoot, "functions", `${h}.ts`)));
    expect(missing).toEqual([]);
  });

  it("every handler bundles with local esbuild into a small ESM module", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "kb-bundle-"));
    const t = synthRegionTemplate("ostergotland", { bundle: true, outdir });
    const handlers = functionHandlers(t);
    const sizes: Record<string, string> = {};
    for (const [id, handler] of Object.entries(handlers)) {
      const key = String(t.Resources[id].Properties!.Code.S3Key);
      const dir = path.join(outdir, `asset.${key.replace(/\.zip$/, "")}`);
      const file = path.join(dir, "index.mjs");
      expect(fs.existsSync(file), `${handler}: ${file}`).toBe(true);
      const code = fs.readFileSync(file, "utf8");
      expect(code.startsWith("import { createRequire as __kbCreateRequire }"), handler).toBe(true);
      expect(code).toMatch(/export\s*\{[^}]*\bhandler\b/);
      expect(fs.existsSync(`${file}.map`), `${handler} source map`).toBe(true);
      expect(code).not.toMatch(/from\s*"@aws-sdk\/client-dynamodb\/dist/);
      const kb = Buffer.byteLength(code) / 1024;
      expect(kb, `${handler} bundle size`).toBeLessThan(1536);
      sizes[handler] = `${kb.toFixed(1)} KB`;
    }
    expect(Object.keys(sizes).sort()).toEqual([...HANDLERS].sort());
    console.log("handler bundle sizes (minified, without source map):", sizes);
  });
});
