/**
 * The HTTP server: the JSON API under /api (with its OpenAPI document at /api/docs)
 * and the built web app. Builds the instance; the caller decides where it listens.
 */
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { DEFAULT_THROTTLE, LoginThrottle } from '../auth/login-throttle.ts';
import { prepareDummyHash } from '../auth/password.ts';
import type { Database } from '../db/database.ts';
import { deleteExpiredSessions } from '../db/sessions.ts';
import { ANALYZE_EVERY_MS, needsStatisticsKept, refreshStatistics } from '../db/statistics.ts';
import { CSRF_HEADER, installAuth, SESSION_COOKIE } from './plugins/auth.ts';
import { installErrorHandler } from './plugins/errors.ts';
import { installWebApp } from './plugins/web.ts';
import { classRoutes } from './routes/classes.ts';
import { courseRoutes } from './routes/courses.ts';
import { diagnosisRoutes } from './routes/diagnosis.ts';
import { healthRoutes } from './routes/health.ts';
import { importRoutes, MAX_IMPORT_BYTES } from './routes/imports.ts';
import { integrationRoutes } from './routes/integrations.ts';
import { learningRoutes } from './routes/learning.ts';
import { learningViewRoutes } from './routes/learning-views.ts';
import { improvementRoutes } from './routes/improvement.ts';
import { meRoutes } from './routes/me.ts';
import { schoolRoutes } from './routes/schools.ts';
import { sessionRoutes } from './routes/session.ts';
import { staffRoutes } from './routes/staff.ts';
import { statsRoutes } from './routes/stats.ts';
import { studentRoutes } from './routes/students.ts';
import { teamRoutes } from './routes/teams.ts';
import { teamDayRoutes } from './routes/team-day.ts';
import { flagRoutes } from './routes/flags.ts';
import { guardProjectChanges } from './routes/improvement-editing.ts';
import { installDailyFlagPass } from '../learning/daily-flags.ts';
import { installMasteryUpdater } from '../learning/updater.ts';
import { xapiRoutes } from './xapi/index.ts';

export interface AppOptions {
  db: Database;
  /** The built web app (dist/web); served when it holds an index.html. */
  webDir?: string;
  /** Fastify logger options; secrets in headers are always redacted. */
  logger?: boolean | Record<string, unknown>;
  /** Behind a reverse proxy: trust X-Forwarded-For/-Proto (client address for rate limits, https for Secure cookies). */
  trustProxy?: boolean;
  /**
   * Run the district flag pass (inactive, behind) once a day per district while
   * the server runs (src/learning/daily-flags.ts). `trellis serve` turns it on;
   * off by default so that the apps tests build judge no flags behind their back.
   */
  dailyFlagPass?: boolean;
  /**
   * On PGlite, which has no autovacuum, refresh the planner statistics when the
   * server is ready and every six hours (src/db/statistics.ts). `trellis serve` turns it on.
   */
  plannerStatistics?: boolean;
}

// Credentials never reach the logs, whatever the log level or serializers.
const REDACT = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    `req.headers["${CSRF_HEADER}"]`,
    'res.headers["set-cookie"]',
    'headers.authorization',
    'headers.cookie',
    `headers["${CSRF_HEADER}"]`,
    'body.password',
    'req.body.password',
  ],
  censor: '[redacted]',
};

function loggerOptions(logger: AppOptions['logger']) {
  if (!logger) return false;
  return { ...(logger === true ? {} : logger), redact: REDACT };
}

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SWEEP_INTERVAL_MS = 60 * 60_000;

/**
 * Runs `job` every `everyMs` while the server runs (and once when it is ready,
 * with `atStart`). A failure is logged by its message only, since a database
 * error's detail can quote row values, and the next run goes ahead.
 */
function whileRunning(app: FastifyInstance, everyMs: number, failure: string, job: () => Promise<unknown>, atStart = false): void {
  const run = () =>
    job().catch((error: unknown) => app.log.error({ error: error instanceof Error ? error.message : String(error) }, failure));
  const timer = setInterval(run, everyMs);
  timer.unref();
  if (atStart) {
    app.addHook('onReady', async () => {
      void run();
    });
  }
  app.addHook('onClose', async () => clearInterval(timer));
}

/** Deletes expired sessions hourly while the server runs (they are refused anyway; this keeps the table small). */
function sweepExpiredSessions(app: FastifyInstance, db: Database): void {
  whileRunning(app, SWEEP_INTERVAL_MS, 'could not delete expired sessions', () => deleteExpiredSessions(db));
}

/** On the embedded engine, refreshes the planner's statistics when the server is ready and every few hours (src/db/statistics.ts). */
function keepStatisticsCurrent(app: FastifyInstance, db: Database): void {
  if (needsStatisticsKept(db)) whileRunning(app, ANALYZE_EVERY_MS, 'could not refresh the planner statistics', () => refreshStatistics(db), true);
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logger),
    trustProxy: options.trustProxy ?? false,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: 'all', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandler(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    // Roster data is personal: no shared or browser caches.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    // The web app loads only its own scripts; inline styles are allowed for the component library and charts.
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html') && !request.url.startsWith('/api/docs')) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    }
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Trellis API', version: '0.1.0', description: 'See docs/api.md for conventions: sign-in, CSRF, errors, paging, scope.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10 } });

  installAuth(app, options.db);
  const context = { db: options.db };
  const throttle = new LoginThrottle(DEFAULT_THROTTLE);
  await app.register(async (api) => {
    healthRoutes(api, context);
    sessionRoutes(api, { ...context, throttle });
    meRoutes(api, context);
    schoolRoutes(api, context);
    teamRoutes(api, context);
    guardProjectChanges(api, context);
    diagnosisRoutes(api, context);
    classRoutes(api, context);
    studentRoutes(api, context);
    staffRoutes(api, context);
    courseRoutes(api, context);
    statsRoutes(api, context);
    importRoutes(api, context);
    integrationRoutes(api, context);
    improvementRoutes(api, context);
    learningRoutes(api, context);
    learningViewRoutes(api, context);
    teamDayRoutes(api, context);
    flagRoutes(api, context);
  });
  await xapiRoutes(app, context);
  installWebApp(app, options.webDir);

  await prepareDummyHash();
  sweepExpiredSessions(app, options.db);
  installMasteryUpdater(app, options.db);
  if (options.dailyFlagPass) installDailyFlagPass(app, options.db);
  if (options.plannerStatistics) keepStatisticsCurrent(app, options.db);
  return app;
}
