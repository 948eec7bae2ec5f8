/**
 * Line numbers for JSON values, so a problem in a CASE package can be reported
 * as FILE:LINE like a CSV row. JSON.parse gives values but not positions; this
 * scanner walks the (already valid) text once and records the line where each
 * value starts, by its path: `CFItems[12]`, `CFItems[12].identifier`.
 */

type Frame = { kind: 'object'; path: string; key: string; expectKey: boolean } | { kind: 'array'; path: string; index: number };

/** The line of every value down to `maxDepth` levels (1 = the members of the top object). */
export function valueLines(text: string, maxDepth = 3): Map<string, number> {
  const lines = new Map<string, number>();
  const stack: Frame[] = [];
  let line = 1;
  let i = 0;

  const skipString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    return text.slice(start, i + 1);
  };

  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === ':' || c === '\uFEFF') continue;
    const top = stack[stack.length - 1];
    if (c === ',') {
      if (top?.kind === 'array') top.index++;
      else if (top) top.expectKey = true;
      continue;
    }
    if (c === '}' || c === ']') {
      stack.pop();
      continue;
    }
    if (c === '"' && top?.kind === 'object' && top.expectKey) {
      top.key = JSON.parse(skipString()) as string;
      top.expectKey = false;
      continue;
    }
    // A value starts here.
    const path = !top ? '' : top.kind === 'array' ? `${top.path}[${top.index}]` : top.path ? `${top.path}.${top.key}` : top.key;
    if (stack.length <= maxDepth && !lines.has(path)) lines.set(path, line);
    if (c === '{') stack.push({ kind: 'object', path, key: '', expectKey: true });
    else if (c === '[') stack.push({ kind: 'array', path, index: 0 });
    else if (c === '"') skipString();
    else while (i + 1 < text.length && !',}] \t\r\n'.includes(text[i + 1]!)) i++;
  }
  return lines;
}

/** The line of `path`, or of its nearest recorded ancestor (a missing member is reported where its object starts). */
export function lineOf(lines: Map<string, number>, path: string): number {
  let current = path;
  for (;;) {
    const line = lines.get(current);
    if (line !== undefined) return line;
    const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
    if (cut <= 0) return lines.get('') ?? 1;
    current = current.slice(0, cut);
  }
}
