import { Type } from '@fastify/type-provider-typebox';
import { LoginThrottle } from '../../auth/login-throttle.ts';
import { verifyAgainstDummy, verifyPassword } from '../../auth/password.ts';
import { newCsrfToken, newSessionToken } from '../../auth/session-token.ts';
import { findAccountForSignIn } from '../../db/accounts.ts';
import { loadScope } from '../../db/scope.ts';
import { createSession, deleteSession } from '../../db/sessions.ts';
import { clearSessionCookie, setSessionCookie } from '../plugins/auth.ts';
import { Problem } from '../problem.ts';
import { Me, problems, SignIn } from '../schemas.ts';
import { describeMe } from './me.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

// One message for an unknown email and a wrong password: it must not reveal which emails exist.
const BAD_CREDENTIALS = 'The email or password is not right.';

export function sessionRoutes(app: Api, { db, throttle }: RouteContext & { throttle: LoginThrottle }): void {
  app.post(
    '/api/session',
    {
      config: { access: { ...ACCESS.anyone, csrf: false } },
      schema: {
        tags: ['session'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: SignIn,
        response: { 200: Me, ...problems(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const wait = throttle.retryAfter(request.ip, email);
      if (wait > 0) {
        throw new Problem(429, `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute(s).`, {
          'retry-after': String(wait),
        });
      }
      const account = await findAccountForSignIn(db, email);
      const ok = account && !account.disabled ? await verifyPassword(account.passwordHash, password) : await verifyAgainstDummy(password);
      if (!account || !ok) {
        throttle.recordFailure(request.ip, email);
        throw new Problem(401, BAD_CREDENTIALS);
      }
      throttle.recordSuccess(request.ip, email);

      // A new session on every sign-in: a token planted before sign-in never becomes valid.
      if (request.sessionTokenHash) await deleteSession(db, request.sessionTokenHash);
      const { token, tokenHash } = newSessionToken();
      const csrfToken = newCsrfToken();
      await createSession(db, { tokenHash, accountId: account.id, csrfToken });
      setSessionCookie(request, reply, token);
      const { passwordHash: _, ...signedIn } = account;
      return describeMe(db, signedIn, await loadScope(db, signedIn), csrfToken);
    },
  );

  app.delete(
    '/api/session',
    {
      config: { access: ACCESS.signedIn },
      schema: { tags: ['session'], summary: 'Sign out: ends the session', response: { 204: Type.Null({ description: 'Signed out' }), ...problems(401, 403) } },
    },
    async (request, reply) => {
      if (request.sessionTokenHash) await deleteSession(db, request.sessionTokenHash);
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );
}
