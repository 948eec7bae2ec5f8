/** A count with its noun (or noun and verb) in the right number: "1 class", "3 classes", "2 skills are". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
