/**
 * Serves the built web app from `webDir`, and index.html for any other GET outside
 * /api so that client-side routes (/students/123) load the app. /api paths never
 * fall back: an unknown API route is a 404 problem.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './errors.ts';

const isApi = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

export function installWebApp(app: FastifyInstance, webDir: string | undefined): void {
  const hasApp = webDir !== undefined && existsSync(path.join(webDir, 'index.html'));
  if (hasApp) {
    app.register(fastifyStatic, { root: path.resolve(webDir), wildcard: true, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    if (hasApp && !isApi(request.url) && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
    }
    const what = isApi(request.url) ? 'API route' : 'page';
    return sendProblem(reply, 404, `There is no ${what} ${request.method} ${request.url.split('?')[0]}.`);
  });
}
