import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of the built SPA. Each allowance beyond 'self' has a reason:
 * - script-src 'wasm-unsafe-eval': hashing runs WebAssembly (hash-wasm, PDQ); it permits compiling
 *   WebAssembly only, not eval of JavaScript.
 * - worker-src blob:: Vite may inline a worker as a blob: URL.
 * - img-src data: blob:: thumbnails are object URLs; small icons may be data: URLs.
 * - style-src 'self' only: the build links its CSS; React's style props go through the CSSOM,
 *   which CSP does not restrict, so no 'unsafe-inline' is needed.
 */
export function contentSecurityPolicy(https: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'worker-src': ["'self'", 'blob:'],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:'],
    'connect-src': ["'self'"],
    'style-src': ["'self'"],
    'font-src': ["'self'"],
    'manifest-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'object-src': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

export async function registerSecurityHeaders(app: FastifyInstance, https: boolean): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(https) },
    // HSTS on plain-HTTP localhost would be ignored at best; only send it when served over TLS.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    // API answers carry case data: never cached by the browser or a proxy.
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  });
}
