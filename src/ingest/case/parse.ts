/**
 * A CASE 1.0 JSON package (CFDocument, CFItems, CFAssociations) read into what
 * Trellis keeps. A package whose shape is wrong (not JSON, a member missing or
 * of the wrong type, an identifier twice) is rejected as a whole, naming the
 * file, line and JSON path: `math.json:57: CFItems[12].identifier: missing`.
 * Pure.
 */
import { RejectImport } from '../common/report.ts';
import { lineOf, valueLines } from './json-lines.ts';

export interface CaseDocument {
  identifier: string;
  uri: string | null;
  title: string;
  version: string | null;
}

export interface CaseItem {
  /** `CFItems[i]`, for messages. */
  path: string;
  line: number;
  identifier: string;
  uri: string | null;
  /** humanCodingScheme */
  code: string | null;
  /** fullStatement */
  name: string;
  itemType: string | null;
}

export interface CaseNode {
  identifier: string;
  uri: string | null;
}

export interface CaseAssociation {
  /** `CFAssociations[i]`, for messages. */
  path: string;
  line: number;
  type: string;
  origin: CaseNode;
  destination: CaseNode;
  sequenceNumber: number | null;
}

export interface CasePackage {
  file: string;
  document: CaseDocument;
  items: CaseItem[];
  associations: CaseAssociation[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseCasePackage(file: string, bytes: Uint8Array): CasePackage {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw unparsable(file, text, (error as Error).message);
  }
  const lines = valueLines(text);
  const reject = (path: string, message: string) => new RejectImport(`${file}:${lineOf(lines, path)}: ${path}: ${message}`);

  // Some services wrap the package: {"CFPackage": {...}}.
  const pkg = isObject(root) && isObject(root.CFPackage) ? root.CFPackage : root;
  const prefix = pkg === root ? '' : 'CFPackage.';
  if (!isObject(pkg)) {
    throw new RejectImport(`${file}:1: not a CASE package: expected a JSON object with CFDocument, CFItems and CFAssociations`);
  }

  const read = (value: Json, path: string, member: string, required: boolean): string | null => {
    const at = `${path}.${member}`;
    const v = value[member];
    if (v === undefined || v === null) {
      if (required) throw reject(at, 'missing');
      return null;
    }
    if (typeof v !== 'string') throw reject(at, 'must be a string');
    if (required && v.trim() === '') throw reject(at, 'is empty');
    return v.trim() || null;
  };
  const object = (value: unknown, path: string): Json => {
    if (value === undefined) throw reject(path, 'missing');
    if (!isObject(value)) throw reject(path, 'must be an object');
    return value;
  };
  const list = (value: unknown, path: string, required: boolean): unknown[] => {
    if (value === undefined && !required) return [];
    if (value === undefined) throw reject(path, 'missing');
    if (!Array.isArray(value)) throw reject(path, 'must be an array');
    return value;
  };

  const documentPath = `${prefix}CFDocument`;
  const doc = object(pkg.CFDocument, documentPath);
  const document: CaseDocument = {
    identifier: read(doc, documentPath, 'identifier', true)!,
    uri: read(doc, documentPath, 'uri', false),
    title: read(doc, documentPath, 'title', true)!,
    version: read(doc, documentPath, 'version', false),
  };

  const seen = new Map<string, string>();
  const items = list(pkg.CFItems, `${prefix}CFItems`, true).map((value, index): CaseItem => {
    const path = `${prefix}CFItems[${index}]`;
    const item = object(value, path);
    const identifier = read(item, path, 'identifier', true)!;
    const first = seen.get(identifier.toLowerCase());
    if (first) throw reject(`${path}.identifier`, `"${identifier}" is also the identifier of ${first} (line ${lineOf(lines, first)})`);
    seen.set(identifier.toLowerCase(), path);
    return {
      path,
      line: lineOf(lines, path),
      identifier,
      uri: read(item, path, 'uri', false),
      code: read(item, path, 'humanCodingScheme', false),
      name: read(item, path, 'fullStatement', true)!,
      itemType: read(item, path, 'CFItemType', false),
    };
  });

  const node = (association: Json, path: string, member: 'originNodeURI' | 'destinationNodeURI'): CaseNode => {
    const at = `${path}.${member}`;
    const link = object(association[member], at);
    return { identifier: read(link, at, 'identifier', true)!, uri: read(link, at, 'uri', false) };
  };
  const associations = list(pkg.CFAssociations, `${prefix}CFAssociations`, false).map((value, index): CaseAssociation => {
    const path = `${prefix}CFAssociations[${index}]`;
    const association = object(value, path);
    const sequence = association.sequenceNumber;
    if (sequence !== undefined && sequence !== null && !Number.isInteger(sequence)) throw reject(`${path}.sequenceNumber`, 'must be an integer');
    return {
      path,
      line: lineOf(lines, path),
      type: read(association, path, 'associationType', true)!,
      origin: node(association, path, 'originNodeURI'),
      destination: node(association, path, 'destinationNodeURI'),
      sequenceNumber: typeof sequence === 'number' ? sequence : null,
    };
  });

  return { file, document, items, associations };
}

function unparsable(file: string, text: string, message: string): RejectImport {
  const position = /at position (\d+)/.exec(message);
  const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/s, '');
  if (!text.trim()) return new RejectImport(`${file}: unparsable JSON: the file is empty`);
  if (!position) return new RejectImport(`${file}: unparsable JSON: ${reason}`);
  const line = text.slice(0, Number(position[1])).split('\n').length;
  return new RejectImport(`${file}:${line}: unparsable JSON: ${reason}`);
}
