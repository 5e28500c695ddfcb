import { resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono, MiddlewareHandler, Next } from 'hono';

export interface PlaygroundOptions {
  /** The built single-page app (the `dist/` of `vite build`), served at `/`. */
  directory: string;
}

/** Paths the gateway answers itself: never shadowed by a file nor by the page's fallback. */
const API_PATH = /^\/(?:api|v1)(?:\/|$)|^\/(?:health|ready)$/;

/** Vite names its build output after the content hash, so a file there never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The file's response with how long it may be cached; `onFound` runs too late to set this. */
function withCacheControl(serve: MiddlewareHandler) {
  return async (context: Context, next: Next) => {
    const response = await serve(context, next);
    if (response instanceof Response && response.ok) {
      const hashed = context.req.path.startsWith('/assets/');
      response.headers.set('cache-control', hashed ? IMMUTABLE : 'no-cache');
    }
    return response;
  };
}

/**
 * Serves the playground's built files at `/`, and its `index.html` for any other GET that is not
 * part of the API, so the page's own routes (`/compare?models=…`) load on a refresh. The page is
 * revalidated on every load, so a new build is picked up at once; the hashed assets are cached
 * for a year.
 */
export function addPlaygroundStatic(app: Hono, options: PlaygroundOptions): void {
  const root = resolve(options.directory);
  const files = withCacheControl(serveStatic({ root }));
  const page = withCacheControl(serveStatic({ path: resolve(root, 'index.html') }));
  app.get('*', (context, next) =>
    API_PATH.test(context.req.path) ? next() : files(context, next),
  );
  app.get('*', (context, next) =>
    // A missing hashed asset is a 404, not the page: a stale tab must not run HTML as script.
    API_PATH.test(context.req.path) || context.req.path.startsWith('/assets/')
      ? next()
      : page(context, next),
  );
}
