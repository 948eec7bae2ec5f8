/**
 * Signed statements (xAPI 1.0.3 Data 2.6): the signature is a JWS in compact
 * form, sent as an attachment; its payload must be the statement as it was
 * before the signature attachment was added, its algorithm RS256, RS384 or
 * RS512. When the JWS header carries an X.509 chain (x5c), the signature is
 * verified with the first certificate's key.
 */
import { createVerify, X509Certificate } from 'node:crypto';
import { sameStatement } from './compare.ts';
import { SIGNATURE_USAGE, type JsonObject } from './types.ts';
import { InvalidStatement, isObject } from './validate.ts';

const ALGORITHMS: Record<string, string> = { RS256: 'RSA-SHA256', RS384: 'RSA-SHA384', RS512: 'RSA-SHA512' };

export function isSignatureAttachment(attachment: JsonObject): boolean {
  return attachment.usageType === SIGNATURE_USAGE;
}

/** Throws InvalidStatement unless `jws` is a valid signature of `statement`. */
export function checkSignature(statement: JsonObject, jws: string, path: string): void {
  const pieces = jws.trim().split('.');
  if (pieces.length !== 3 || pieces.some((p) => !/^[\w-]*$/.test(p))) throw new InvalidStatement(`${path} is not a JWS in compact serialisation`);
  const [headerText, payloadText, signature] = pieces as [string, string, string];
  const header = decodeJson(headerText, `${path} has a JWS header that is not JSON`);
  const algorithm = ALGORITHMS[String(header.alg)];
  if (!algorithm) throw new InvalidStatement(`${path} uses the algorithm ${JSON.stringify(header.alg)}; xAPI allows RS256, RS384 or RS512`);
  const payload = decodeJson(payloadText, `${path} has a JWS payload that is not a JSON statement`);
  if (!sameStatement(withoutSignature(payload), withoutSignature(statement))) {
    throw new InvalidStatement(`${path} signs a statement that differs from the one sent`);
  }
  const chain = header.x5c;
  if (Array.isArray(chain) && typeof chain[0] === 'string') {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(Buffer.from(chain[0], 'base64'));
    } catch {
      throw new InvalidStatement(`${path} has an x5c certificate that cannot be read`);
    }
    const verifier = createVerify(algorithm);
    verifier.update(`${headerText}.${payloadText}`);
    if (!verifier.verify(certificate.publicKey, Buffer.from(signature, 'base64url'))) {
      throw new InvalidStatement(`${path} does not verify with the key of its x5c certificate`);
    }
  }
}

function decodeJson(piece: string, message: string): JsonObject {
  try {
    const value: unknown = JSON.parse(Buffer.from(piece, 'base64url').toString('utf8'));
    if (isObject(value)) return value;
  } catch {
    // reported below
  }
  throw new InvalidStatement(message);
}

/** The statement without its signature attachment (and without attachments if that was the only one). */
function withoutSignature(statement: JsonObject): JsonObject {
  const copy = { ...statement };
  if (Array.isArray(copy.attachments)) {
    const rest = copy.attachments.filter((a) => !(isObject(a) && isSignatureAttachment(a)));
    if (rest.length > 0) copy.attachments = rest;
    else delete copy.attachments;
  }
  delete copy.id;
  return copy;
}
