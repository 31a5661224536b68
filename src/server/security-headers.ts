import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Helmet's headers, adjusted for an Office add-in: Outlook shows the task pane in an iframe on
 * its own origins, so instead of X-Frame-Options (which cannot list several origins) the CSP's
 * frame-ancestors names the Office hosts; and Office dialogs talk to their opener, which a
 * same-origin opener policy would cut, so that policy is left out.
 */

export const officeFrameAncestors = [
  "'self'",
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.outlook.com',
  'https://outlook.live.com',
  'https://*.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.officeapps.live.com',
];

export async function registerSecurityHeaders(app: FastifyInstance, options: { graphBaseUrl: string }): Promise<void> {
  await app.register(helmet, {
    frameguard: false,
    crossOriginOpenerPolicy: false,
    crossOriginEmbedderPolicy: false,
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        // Office.js comes from Microsoft's CDN in production.
        'script-src': ["'self'", 'https://appsforoffice.microsoft.com'],
        // Fluent UI (Griffel) inserts style rules at run time.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'", new URL(options.graphBaseUrl).origin, 'https://login.microsoftonline.com'],
        'frame-ancestors': officeFrameAncestors,
        'upgrade-insecure-requests': null,
      },
    },
  });
}
