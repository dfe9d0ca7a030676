import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type ReadStream } from "node:fs";
import * as path from "node:path";
import { Transform } from "node:stream";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { ExportFiles } from "./ports";

let s3: S3Client | undefined;

/**
 * The exports bucket: the file is streamed as a multipart upload (8 MB parts, four in flight, so
 * the worker holds about 32 MB of it at a time whatever its size) and handed out as a presigned GET.
 */
export function s3ExportFiles(bucket: string): ExportFiles {
  return {
    async put(key, contentType, write) {
      s3 ??= new S3Client({});
      let bytes = 0;
      const body = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(null, chunk);
        },
      });
      const upload = new Upload({ client: s3, params: { Bucket: bucket, Key: key, Body: body, ContentType: contentType }, partSize: 8 * 1024 * 1024, queueSize: 4 });
      try {
        await Promise.all([upload.done(), write(body)]);
      } catch (error) {
        body.destroy();
        await upload.abort().catch(() => {});
        throw error;
      }
      return { bytes };
    },
    async url(key, filename, expiresInSeconds) {
      s3 ??= new S3Client({});
      return getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: `attachment; filename="${filename}"` }), { expiresIn: expiresInSeconds });
    },
  };
}

/** The URL path under which the local stack serves the folder's files (infra/local/local-stack.ts). */
export const LOCAL_EXPORT_PATH = "/_local/exports/";
const FILE_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

const signature = (secret: Uint8Array, key: string, expires: number, filename: string) =>
  createHmac("sha256", secret).update(`${key}\n${expires}\n${filename}`).digest("base64url");

/** The local signing key of the folder's links, made on first use. */
export function loadOrCreateExportUrlSecret(file: string): Uint8Array {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return new TextEncoder().encode(readFileSync(file, "utf8").trim());
}

function fileOf(dir: string, key: string): string {
  const file = path.resolve(dir, ...key.split("/"));
  if (!file.startsWith(path.resolve(dir) + path.sep)) throw new Error("export key leaves the folder");
  return file;
}

/**
 * The local stand-in: files in a folder, written under a temporary name and renamed when whole,
 * handed out as links to the local stack that carry an expiry and an HMAC of key, expiry and
 * name, as a presigned S3 URL carries its signature.
 */
export function folderExportFiles(opts: { dir: string; baseUrl: string; secret: Uint8Array; now?: () => Date }): ExportFiles {
  const now = opts.now ?? (() => new Date());
  return {
    async put(key, _contentType, write) {
      const file = fileOf(opts.dir, key);
      mkdirSync(path.dirname(file), { recursive: true });
      const out = createWriteStream(`${file}.tmp`);
      try {
        await write(out);
      } catch (error) {
        out.destroy();
        rmSync(`${file}.tmp`, { force: true });
        throw error;
      }
      renameSync(`${file}.tmp`, file);
      return { bytes: statSync(file).size };
    },
    async url(key, filename, expiresInSeconds) {
      const expires = Math.floor(now().getTime() / 1000) + expiresInSeconds;
      const query = new URLSearchParams({ expires: String(expires), filename, signature: signature(opts.secret, key, expires, filename) });
      return `${opts.baseUrl.replace(/\/$/, "")}${LOCAL_EXPORT_PATH}${key}?${query}`;
    },
  };
}

export type FolderExportDownload = { status: 200; filename: string; stream: ReadStream; bytes: number } | { status: 403 | 404; message: string };

/** Checks a link of folderExportFiles (signature, then expiry) and opens its file. */
export function openFolderExport(dir: string, secret: Uint8Array, url: URL, now: Date = new Date()): FolderExportDownload {
  const key = url.pathname.slice(LOCAL_EXPORT_PATH.length);
  const expires = Number(url.searchParams.get("expires"));
  const filename = url.searchParams.get("filename") ?? "";
  const given = Buffer.from(url.searchParams.get("signature") ?? "");
  const wanted = Buffer.from(signature(secret, key, expires, filename));
  if (!url.pathname.startsWith(LOCAL_EXPORT_PATH) || !FILE_NAME.test(filename) || given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    return { status: 403, message: "The link is not valid." };
  }
  if (!Number.isInteger(expires) || now.getTime() / 1000 > expires) return { status: 403, message: "The link has expired; prepare the export again." };
  let file: string;
  try {
    file = fileOf(dir, key);
  } catch {
    return { status: 403, message: "The link is not valid." };
  }
  if (!existsSync(file)) return { status: 404, message: "The file is no longer kept." };
  return { status: 200, filename, stream: createReadStream(file), bytes: statSync(file).size };
}
