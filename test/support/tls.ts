// A throwaway certificate for local TLS servers (openssl; callers skip with
// missingTool('openssl') when it is absent), valid for 127.0.0.1 and `dnsName`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Cert { readonly key: Buffer; readonly cert: Buffer; /** The certificate's file, for NODE_EXTRA_CA_CERTS. */ readonly certFile: string }

export function selfSignedCert(dir: string, dnsName: string): Cert {
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  const gen = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', `subjectAltName=IP:127.0.0.1,DNS:${dnsName}`, '-keyout', key, '-out', cert], { encoding: 'utf8' });
  assert.equal(gen.status, 0, gen.stderr);
  return { key: readFileSync(key), cert: readFileSync(cert), certFile: cert };
}
