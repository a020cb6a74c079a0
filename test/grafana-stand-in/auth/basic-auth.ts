import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../http/reply.js';
import { badCredentials, emptyPassword, loginBlocked, noCredentials } from './auth-errors.js';
import type { LoginAttempts } from './login-attempts.js';

export interface AdminAccount {
  id: number;
  login: string;
  email: string;
  password: string;
}

export type AuthResult = { ok: true } | { ok: false; reply: Reply };

/** Go's Request.BasicAuth: "Basic " (case-insensitive) + base64 of "user:password". */
function parseBasicAuth(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^basic (.+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * The authn flow for a basic-auth request (pkg/services/authn/clients/basic.go and password.go):
 * blocked users fail before the password is even looked at; a wrong password for an existing
 * user is recorded as a failed attempt, an unknown user is not. Login and email both identify the user.
 */
export function authenticate(
  headers: IncomingHttpHeaders,
  admin: AdminAccount,
  attempts: LoginAttempts,
): AuthResult {
  const credentials = parseBasicAuth(headers.authorization);
  if (!credentials) return { ok: false, reply: noCredentials() };
  const { user, password } = credentials;
  if (attempts.isBlocked(user)) return { ok: false, reply: loginBlocked() };
  if (password === '') return { ok: false, reply: emptyPassword() };
  const known = [admin.login, admin.email].some((id) => id.toLowerCase() === user.toLowerCase());
  if (known && password === admin.password) return { ok: true };
  if (known) attempts.add(user);
  return { ok: false, reply: badCredentials() };
}
