// A self-signed certificate made at run time for the local portal server.
// Nothing is committed: every run makes its own, and the browser is started
// with --ignore-certificate-errors.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let cached;

export function selfSignedCert() {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'dnca-cert-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost'], {
    stdio: 'ignore',
  });
  cached = { key: readFileSync(key), cert: readFileSync(cert) };
  return cached;
}
