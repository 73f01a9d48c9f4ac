import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findExecutable } from './prerequisites';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** docs/deploy/nginx/ioc-wall.conf, the file operators install. */
export const DEPLOY_NGINX_CONF = join(root, 'docs/deploy/nginx/ioc-wall.conf');

export interface NginxPorts {
  http: number;
  https: number;
  upstreams: [number, number];
}

/**
 * The deploy config with this run's ports and a throwaway certificate: only addresses and paths change,
 * every directive is the operators' own.
 */
export function templateConfig(conf: string, ports: NginxPorts, cert: { cert: string; key: string }): string {
  const replaced = conf
    .replace('server 127.0.0.1:8081 ', `server 127.0.0.1:${ports.upstreams[0]} `)
    .replace('server 127.0.0.1:8082 ', `server 127.0.0.1:${ports.upstreams[1]} `)
    .replace('listen 80;', `listen 127.0.0.1:${ports.http};`)
    .replace('listen 443 ssl;', `listen 127.0.0.1:${ports.https} ssl;`)
    .replace('/etc/ssl/ioc-wall/fullchain.pem', cert.cert)
    .replace('/etc/ssl/ioc-wall/privkey.pem', cert.key);
  for (const left of ['8081', '8082', 'listen 80;', 'listen 443', '/etc/ssl/']) {
    if (replaced.includes(left)) throw new Error(`the deploy config changed: "${left}" was not templated`);
  }
  return replaced;
}

/**
 * Debian's nginx as an ordinary process: its own prefix, configuration, pid, logs and temp directories
 * in a temp folder, in the foreground (daemon off), so no root, no /etc/nginx, no /var/log.
 */
export async function startNginx(ports: NginxPorts) {
  const nginx = findExecutable('nginx');
  if (!nginx) throw new Error('nginx is not installed (apt-get install -y nginx)');
  const dir = mkdtempSync(join(tmpdir(), 'ioc-nginx-'));
  // nginx's workers (nobody, when started as root) read and write under it.
  chmodSync(dir, 0o755);
  for (const sub of ['logs', 'temp']) mkdirSync(join(dir, sub), { mode: 0o777 });
  const cert = { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') };
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      cert.key,
      '-out',
      cert.cert,
    ],
    { stdio: 'ignore' },
  );
  writeFileSync(
    join(dir, 'ioc-wall.conf'),
    templateConfig(readFileSync(DEPLOY_NGINX_CONF, 'utf8'), ports, cert),
  );
  const temp = (name: string) => `${name}_temp_path ${join(dir, 'temp', name)};`;
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'logs/error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      `  access_log ${join(dir, 'logs/access.log')};`,
      `  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}`,
      `  include ${join(dir, 'ioc-wall.conf')};`,
      '}',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    nginx,
    ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'logs/error.log')],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const base = `https://127.0.0.1:${ports.https}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited (${child.exitCode}): ${output}${errorLog(dir)}`);
    if ((await httpsGet(`${base}/healthz`).catch(() => null))?.status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not pass /healthz on within 20 s: ${output}${errorLog(dir)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    errorLog: () => errorLog(dir),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function errorLog(dir: string): string {
  try {
    return `\n${readFileSync(join(dir, 'logs/error.log'), 'utf8')}`;
  } catch {
    return '';
  }
}

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTPS request that accepts the test's self-signed certificate (fetch has no option for it). */
export function httpsRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: init.method ?? 'GET', headers: init.headers, rejectUnauthorized: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer from ${url} within 10 s`)));
    req.end(init.body);
  });
}

export const httpsGet = (url: string) => httpsRequest(url);
