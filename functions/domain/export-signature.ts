import { createPublicKey, verify, type KeyObject } from "node:crypto";
import canonicalize from "canonicalize";
import { SignedReleaseExport, type ReleaseExport } from "../../shared/schemas/release-export";
import { ValidationError } from "../../shared/errors";
import type { ReleaseSigner } from "../adapters/ports";

/**
 * What a region signs is the RFC 8785 canonical JSON of the export's payload, so the signature
 * survives any re-serialisation (key order, whitespace) between the region and the consortium.
 */
export const signedBytes = (payload: ReleaseExport): Buffer => Buffer.from(canonicalize(payload) ?? "", "utf8");

export async function signExport(payload: ReleaseExport, signer: ReleaseSigner): Promise<SignedReleaseExport> {
  const signature = await signer.sign(signedBytes(payload));
  return { payload, signature: { alg: "ES256", keyId: signer.keyId, value: Buffer.from(signature).toString("base64") } };
}

/** A document that is no signed release export, or whose signature does not hold for the key it is checked with. */
export class ExportSignatureError extends ValidationError {
  constructor(message: string) {
    super(message);
  }
}

/**
 * The export's payload, once its shape and its signature under the region's public key (PEM, SPKI)
 * hold. Anything else is refused whole: a consortium never reads numbers it cannot trace to a region.
 */
export function verifyExport(document: unknown, publicKey: string | KeyObject): ReleaseExport {
  const parsed = SignedReleaseExport.safeParse(document);
  if (!parsed.success) throw new ExportSignatureError("The document is not a release export in the known schema.");
  const key = typeof publicKey === "string" ? createPublicKey(publicKey) : publicKey;
  const ok = verify("sha256", signedBytes(parsed.data.payload), { key, dsaEncoding: "der" }, Buffer.from(parsed.data.signature.value, "base64"));
  if (!ok) throw new ExportSignatureError(`The signature of region ${parsed.data.payload.region.id}'s export does not hold: it was altered or signed with another key.`);
  return parsed.data.payload;
}
