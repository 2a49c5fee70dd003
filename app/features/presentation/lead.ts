/**
 * The first sentence of a text: on the stage, a tour's introduction is its first sentence (the
 * rest, with the threads it cites, is in the speaker's notes), so the room reads one idea, not
 * five lines of citations. A sentence ends at a period, a space and a word or a quote (kernel
 * names start sentences in lower case), outside parentheses and quotes: a cited subject or a
 * path's "mmu.c. Then" inside them does not end it.
 * @example lead('One idea (see a.c). Then sources.') // 'One idea (see a.c).'
 */
export function lead(text: string): string {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (
      c === '.' &&
      depth === 0 &&
      !quoted &&
      text[i + 1] === ' ' &&
      /[A-Za-z"]/.test(text[i + 2] ?? '')
    )
      return text.slice(0, i + 1);
  }
  return text;
}
