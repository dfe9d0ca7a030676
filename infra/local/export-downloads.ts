/**
 * What a presigned S3 GET does for the export files, locally: the links the folder stand-in
 * hands out (functions/adapters/export-files.ts) are checked (signature, expiry) and answered
 * with the file as an attachment. Wiring only.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { loadOrCreateExportUrlSecret, openFolderExport } from "../../functions/adapters/export-files";
import { sendError } from "./http-gateway";

const TYPES: Record<string, string> = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };

export function exportDownloads(dir: string, secretFile: string) {
  const secret = loadOrCreateExportUrlSecret(secretFile);
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if ((req.method ?? "GET").toUpperCase() !== "GET") return sendError(res, 405, "method-not-allowed", "Only GET.");
    const found = openFolderExport(dir, secret, url);
    if (found.status !== 200) return sendError(res, found.status, found.status === 404 ? "not-found" : "forbidden", found.message);
    res.writeHead(200, {
      "content-type": TYPES[found.filename.split(".").pop() ?? ""] ?? "application/octet-stream",
      "content-length": String(found.bytes),
      "content-disposition": `attachment; filename="${found.filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    });
    await pipeline(found.stream, res);
  };
}
