import type { Reply } from '../http/reply.js';

/**
 * The 401 body of Grafana 10+ (pkg/services/contexthandler/model/model.go writeErrOrFallback):
 * a Go map, so its keys come out sorted, with `extra` and an empty `traceID` when tracing is off.
 */
function unauthorized(message: string, messageId: string): Reply {
  return {
    status: 401,
    charset: true,
    body: { extra: null, message, messageId, statusCode: 401, traceID: '' },
  };
}

/** No credentials at all: errCantAuthenticateReq in pkg/services/authn/authnimpl/service.go. */
export const noCredentials = () => unauthorized('Unauthorized', 'auth.unauthorized');

/** Unknown user or wrong password: errPasswordAuthFailed in pkg/services/authn/clients/password.go. */
export const badCredentials = () => unauthorized('Invalid username or password', 'password-auth.failed');

/** Empty password: errEmptyPassword in the same file. */
export const emptyPassword = () => unauthorized('Invalid username or password', 'password-auth.empty');

/** Too many failures for this user: errLoginAttemptBlocked; the public message stays the same. */
export const loginBlocked = () => unauthorized('Invalid username or password', 'login-attempt.blocked');
