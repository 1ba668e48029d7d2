export type Separator = ',' | ';';

/** The first line of a text (its header), without the line ending. */
export function firstLine(text: string): string {
  const end = text.search(/\r|\n/);
  return end < 0 ? text : text.slice(0, end);
}

/** `;` when the header holds more semicolons than commas outside quotes, else `,`. */
export function detectSeparator(header: string): Separator {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}
