// Shared e2e setup: the mock proxy binary, the static server, Chromium.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { after, before } from 'node:test';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
export const distDir = process.env.SLC_DIST ?? path.join(repoRoot, 'dist');
export const outputDir = path.join(repoRoot, 'tests/e2e/output');

/** Starts `smart-link-proxy --mock` on a free loopback port. */
export async function startMockProxy(extraArgs = ['--allow-origin', '*']) {
  const binary = process.env.SLC_PROXY_BIN;
  if (!binary) throw new Error('SLC_PROXY_BIN must point at the smart-link-proxy binary');
  const child = spawn(binary, ['--mock', '--listen', '127.0.0.1:0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.resume();
  let buffered = '';
  const url = await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`proxy exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const match = buffered.match(/listening on (http:\/\/\S+)/);
      if (match) resolve(match[1]);
    });
  });
  return {
    url,
    /** The main API requests in the mock's log: the analyst views'
     * one-row requests (the clean totals, the compared range) left out. */
    async requests() {
      return (await this.allRequests()).filter((r) => new URLSearchParams(r.query).get('limit') !== '1');
    },
    /** Every API request in the mock's log. */
    async allRequests() {
      const response = await fetch(`${url}/__mock/requests`);
      return (await response.json()).requests.filter((r) => r.path.startsWith('/api/'));
    },
    async clear() {
      await fetch(`${url}/__mock/requests`, { method: 'DELETE' });
    },
    async stop() {
      child.kill();
      await once(child, 'exit').catch(() => {});
    },
  };
}

/** Serves dist/ (or another folder) on a free loopback port. */
export async function startSite(root = distDir) {
  const { server, url } = await serveStatic(root);
  return { url, stop: () => new Promise((resolve) => server.close(resolve)) };
}

/** Launches Debian's Chromium headless with the flags this machine needs. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Collects page errors and console errors, so a test can assert none happened. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return errors;
}

/** The query parameters of a logged request, as an object. */
export function queryOf(request) {
  return Object.fromEntries(new URLSearchParams(request.query));
}

/**
 * The usual setup of a spec file, as node:test hooks: before its tests the
 * mock proxy, a static site for `site` (dist/ by default; `null` for none)
 * and Chromium start; after them they stop. The returned object's
 * `proxy`, `site` and `browser` are set once its `ready` has resolved.
 */
export function suiteServers({ site = distDir } = {}) {
  let up;
  // Resolved once they are up: a file's own root-level `before` hook may
  // start before this one has finished (node:test does not wait), so it
  // awaits `ready`.
  const servers = { ready: new Promise((resolve) => { up = resolve; }) };
  before(async () => {
    servers.proxy = await startMockProxy();
    if (site) servers.site = await startSite(site);
    servers.browser = await launchBrowser();
    mkdirSync(outputDir, { recursive: true });
    up();
  });
  after(async () => {
    await servers.browser?.close();
    await servers.site?.stop();
    await servers.proxy?.stop();
  });
  return servers;
}
