import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaticSite } from "../../infra/local/static-site";

let server: http.Server;
let base: string;
beforeAll(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "kb-site-"));
  fs.writeFileSync(path.join(root, "index.html"), "<!doctype html><title>Kompetensbehov</title>");
  const serve = createStaticSite(root);
  server = http.createServer((req, res) => serve(req, res, new URL(req.url ?? "/", "http://x").pathname));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("local static site", () => {
  it("serves no /config.json (404), so the owner pages use the local sign-in", async () => {
    const response = await fetch(`${base}/config.json`);
    expect(response.status).toBe(404);
  });

  it("serves index.html for /owner/callback and other extension-less paths", async () => {
    const response = await fetch(`${base}/owner/callback?code=x&state=y`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Kompetensbehov");
  });
});
