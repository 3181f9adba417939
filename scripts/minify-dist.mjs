// Trunk post_build hook (see Trunk.toml): in release builds, minifies the
// JavaScript that trunk staged (the wasm-bindgen glue, our snippets, the
// loader) with esbuild, and updates the integrity hashes index.html gives
// for them. The size budget counts these files (bench/results.md).
//
// Without esbuild (scripts/lib.sh installs it) the files stay as built and
// a warning says so: the build still works, only larger.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('minify-dist: TRUNK_STAGING_DIR is not set (run by trunk as a post_build hook)');
  process.exit(1);
}

const tools = process.env.SLC_TOOLS ?? path.join(os.homedir(), '.cache/smart-link-clicks/tools');
const esbuild = [path.join(tools, 'node_modules/.bin/esbuild'), 'esbuild'].find((candidate) => {
  try {
    execFileSync(candidate, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
if (!esbuild) {
  console.warn('minify-dist: esbuild not found, JavaScript left unminified (scripts/lib.sh installs it)');
  process.exit(0);
}

const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
  const full = path.join(dir, entry.name);
  return entry.isDirectory() ? files(full) : [full];
});
for (const file of files(staging).filter((f) => f.endsWith('.js'))) {
  execFileSync(esbuild, [file, '--minify', '--format=esm', `--outfile=${file}`, '--allow-overwrite', '--log-level=warning'], { stdio: 'inherit' });
}

// The new bytes need new integrity hashes wherever index.html names them.
const html = path.join(staging, 'index.html');
const rehashed = readFileSync(html, 'utf8').replace(/<link\b[^>]*>/g, (tag) => {
  const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
  if (!href || !/\bintegrity="sha384-/.test(tag)) return tag;
  const digest = createHash('sha384').update(readFileSync(path.join(staging, href))).digest('base64');
  return tag.replace(/\bintegrity="sha384-[^"]*"/, `integrity="sha384-${digest}"`);
});
writeFileSync(html, rehashed);
