/** Longest text echoed back in a message: a 1 MB query must not flood the terminal. */
export const maxEcho = 200;

/** The text, cut to `max` characters with a note of how long it really was. */
export function clip(text: string, max = maxEcho): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters in all)`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it takes out.
const controls = /[\u0000-\u001f\u007f-\u009f]/g;

/** Control characters as spaces: a learner's query never sends escape codes to the terminal. */
export const printable = (text: string) => text.replace(controls, ' ');

/** A query on one line, printable: whitespace runs and control characters become one space. */
export const oneLine = (q: string) => printable(q).replace(/\s+/g, ' ').trim();
