/**
 * multipart/mixed, the way xAPI sends statements with their attachments
 * (RFC 2046 section 5.1): read a request body into parts, and write a response.
 * Pure: bytes in, bytes out.
 */
import { randomBytes } from 'node:crypto';

export class InvalidMultipart extends Error {}

export interface Part {
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
}

/** The boundary parameter of a multipart Content-Type header, or null. */
export function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]!) : null;
}

const CRLF = Buffer.from('\r\n');

/** Splits a multipart body into its parts; throws InvalidMultipart when it is not one. */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  let position = body.subarray(0, delimiter.length).equals(delimiter) ? 0 : indexAfterCrlf(body, delimiter, 0);
  if (position < 0) throw new InvalidMultipart(`the body has no part boundary "--${boundary}"`);
  const parts: Part[] = [];
  for (;;) {
    position += delimiter.length;
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts;
    while (body[position] === 0x20 || body[position] === 0x09) position++;
    if (!body.subarray(position, position + 2).equals(CRLF)) throw new InvalidMultipart('a part boundary is not followed by a line break');
    position += 2;
    const next = indexAfterCrlf(body, delimiter, position);
    if (next < 0) throw new InvalidMultipart(`a part does not end with a boundary "--${boundary}"`);
    parts.push(readPart(body.subarray(position, next - 2)));
    position = next;
  }
}

/** The index of `delimiter` preceded by CRLF, at or after `from` (the CRLF belongs to the delimiter). */
function indexAfterCrlf(body: Buffer, delimiter: Buffer, from: number): number {
  const needle = Buffer.concat([CRLF, delimiter]);
  const at = body.indexOf(needle, Math.max(0, from - 2));
  return at < 0 ? -1 : at + 2;
}

function readPart(raw: Buffer): Part {
  let headerEnd: number;
  let bodyStart: number;
  if (raw.subarray(0, 2).equals(CRLF)) {
    headerEnd = 0;
    bodyStart = 2;
  } else {
    headerEnd = raw.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw new InvalidMultipart('a part has no blank line between its headers and its body');
    bodyStart = headerEnd + 4;
  }
  const headers: Record<string, string> = {};
  for (const line of raw.subarray(0, headerEnd).toString('utf8').split('\r\n')) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new InvalidMultipart(`a part header "${line.slice(0, 40)}" has no name`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.subarray(bodyStart) };
}

/** A multipart/mixed body of the parts, and the Content-Type header that goes with it. */
export function writeMultipart(parts: Part[]): { contentType: string; body: Buffer } {
  const boundary = `trellis-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head = Object.entries(part.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n`), part.body, CRLF);
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
