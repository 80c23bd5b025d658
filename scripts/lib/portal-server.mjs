// Serves the demo portal pages over HTTPS under their real hostnames. The
// browser resolves every name to 127.0.0.1 (--host-resolver-rules), and the
// Host header picks the folder: demo/sites/<hostname>/..., then
// test/fixtures/sites/<hostname>/... for pages only the tests use.
import { createServer } from 'node:https';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { selfSignedCert } from './cert.mjs';

const repo = resolve(fileURLToPath(import.meta.url), '../../..');
export const SITE_ROOTS = [join(repo, 'demo/sites'), join(repo, 'test/fixtures/sites')];

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8' };

function fileFor(host, pathname) {
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  if (!/^[a-z0-9.-]+$/.test(hostname)) return null;
  let rel = decodeURIComponent(pathname);
  if (rel.endsWith('/')) rel += 'index.html';
  for (const rootDir of SITE_ROOTS) {
    const base = join(rootDir, hostname);
    const file = normalize(join(base, rel));
    if (!file.startsWith(base + sep)) return null;
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

/** Starts the server on the given port (0 = any free port). Resolves to { port, close }. */
export function startPortalServer(port = 0) {
  const server = createServer(selfSignedCert(), (req, res) => {
    const url = new URL(req.url ?? '/', 'https://x');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    const file = fileFor(req.headers.host ?? '', url.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
      resolvePromise({ port: actual, origin: (host) => `https://${host}:${actual}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
