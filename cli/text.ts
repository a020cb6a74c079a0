/** Longest text echoed back in a message: a 1 MB query must not flood the terminal. */
export const maxEcho = 200;

/** The text, cut to `max` characters with a note of how long it really was. */
export function clip(text: string, max = maxEcho): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters in all)`;
}
