import { randomInt } from 'node:crypto';

// Grafana's legacy UID rule (pkg/util/shortid_generator.go): letters, digits, '-' and '_', at most 40 chars.
const VALID_UID = /^[a-zA-Z0-9\-_]*$/;
export const MAX_UID_LENGTH = 40;

export function isValidUid(uid: string): boolean {
  return VALID_UID.test(uid);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ALPHANUMERIC = `${LETTERS}0123456789`;

/** A fresh UID shaped like Grafana 11's GenerateShortUID output: 14 lowercase chars, a letter first. */
export function newUid(): string {
  let uid = LETTERS.charAt(randomInt(LETTERS.length));
  while (uid.length < 14) uid += ALPHANUMERIC.charAt(randomInt(ALPHANUMERIC.length));
  return uid;
}
