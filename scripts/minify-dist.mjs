// Trunk post_build hook (see Trunk.toml): in release builds, minifies the
// JavaScript that trunk staged (the wasm-bindgen glue, our snippets, the
// loader) with esbuild, drops wasm custom sections no browser reads, and
// updates the integrity hashes index.html gives for them; snippets no
// script imports are left out, and so is the wasm's preload when the
// page's loader fetches the wasm itself. Then every file but the loader and
// index.html is named by its content. The size budget counts these files
// (bench/results.md).
//
// Without esbuild (scripts/lib.sh installs it) the JavaScript stays as
// built and a warning says so: the build still works, only larger.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const staging = process.env.TRUNK_STAGING_DIR && path.resolve(process.env.TRUNK_STAGING_DIR);
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
}

const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
  const full = path.join(dir, entry.name);
  return entry.isDirectory() ? files(full) : [full];
});
// wasm-bindgen never empties its snippets folder, so a snippet the code no
// longer has (an `inline_js` since removed) stays in it, and trunk would ship
// it and preload it. Only snippets some script imports are kept.
const snippets = path.join(staging, 'snippets');
const imported = new Set();
const queue = files(staging).filter((f) => f.endsWith('.js') && !f.startsWith(snippets + path.sep));
while (queue.length) {
  const file = queue.pop();
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    const target = path.resolve(path.dirname(file), spec);
    if (!imported.has(target)) {
      imported.add(target);
      queue.push(target);
    }
  }
}
const unused = existsSync(snippets) ? files(snippets).filter((f) => !imported.has(f)) : [];
for (const file of unused) rmSync(file);
const unusedHrefs = new Set(unused.map((f) => `./${path.relative(staging, f).split(path.sep).join('/')}`));

for (const file of esbuild ? files(staging).filter((f) => f.endsWith('.js')) : []) {
  execFileSync(esbuild, [file, '--minify', '--format=esm', `--outfile=${file}`, '--allow-overwrite', '--log-level=warning'], { stdio: 'inherit' });
}

// Custom sections the browser never reads (toolchain names and versions,
// target features, wasm-bindgen's split marker) go too.
const UNUSED_SECTIONS = new Set(['producers', 'target_features', '__wasm_split_unstable']);
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (at >= bytes.length) throw new Error('minify-dist: a wasm number runs past the end of its section');
    const byte = bytes[at];
    at += 1;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}
for (const file of files(staging).filter((f) => f.endsWith('.wasm'))) {
  const bytes = readFileSync(file);
  const kept = [bytes.subarray(0, 8)];
  for (let at = 8; at < bytes.length;) {
    const [size, body] = leb(bytes, at + 1);
    const end = body + size;
    let drop = false;
    if (bytes[at] === 0) {
      const [nameLength, name] = leb(bytes, body);
      drop = UNUSED_SECTIONS.has(bytes.subarray(name, name + nameLength).toString('utf8'));
    }
    if (!drop) kept.push(bytes.subarray(at, end));
    at = end;
  }
  writeFileSync(file, Buffer.concat(kept));
}

// Every file a page loads through the loader is named by its content
// (`slc-core-<hash>.js`, `slc-core_bg-<hash>.wasm`, `element-<hash>.js`,
// `page-<hash>.css`), so an old cached loader or glue never pairs with a
// new wasm: only the loader (`smart-link-clicks.js`) and `index.html` keep
// their names, and those are revalidated (README, "Caching"). A file is
// renamed after the files it names, so its hash covers their new names:
// leaves (wasm, CSS, snippets) first, then the glue.
const hashed = (file) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
const texts = () => files(staging).filter((f) => /\.(js|html)$/.test(f));
function nameByContent(file) {
  const ext = path.extname(file);
  const renamed = path.join(path.dirname(file), `${path.basename(file, ext)}-${hashed(file)}${ext}`);
  renameSync(file, renamed);
  // References are quoted paths ending in the old name: './slc-core.js',
  // "slc-core_bg.wasm", './snippets/…/element.js'; but not a quoted name
  // followed by `:`, a key of the glue's imports object, which must stay
  // the module name the wasm was built to import from.
  const literal = path.basename(file).replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  const old = new RegExp(`(["'/])${literal}(["'])(?!\\s*:)`, 'g');
  for (const text of texts()) {
    const before = readFileSync(text, 'utf8');
    const after = before.replace(old, `$1${path.basename(renamed)}$2`);
    if (after !== before) writeFileSync(text, after);
  }
}
const loader = path.join(staging, 'smart-link-clicks.js');
const leaves = files(staging).filter((f) => /\.(wasm|css)$/.test(f) || f.startsWith(snippets + path.sep));
for (const file of leaves) nameByContent(file);
for (const file of files(staging).filter((f) => f.endsWith('.js') && f !== loader && !leaves.includes(f) && !f.startsWith(snippets + path.sep))) {
  nameByContent(file);
}

// The new bytes need new integrity hashes wherever index.html names them.
const html = path.join(staging, 'index.html');
const pageFetchesWasm = readFileSync(html, 'utf8').includes('compileStreaming');
const rehashed = readFileSync(html, 'utf8').replace(/<link\b[^>]*>/g, (tag) => {
  const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
  if (unusedHrefs.has(href)) return '';
  // The page's loader (Trunk.toml pattern_script) fetches the wasm itself
  // from a classic script as the page parses; trunk's preload of it would
  // be a second download (its integrity keeps the two from being matched).
  if (/\brel="preload"/.test(tag) && href?.endsWith('.wasm') && pageFetchesWasm) return '';
  if (!href || !/\bintegrity="sha384-/.test(tag)) return tag;
  const digest = createHash('sha384').update(readFileSync(path.join(staging, href))).digest('base64');
  return tag.replace(/\bintegrity="sha384-[^"]*"/, `integrity="sha384-${digest}"`);
});
writeFileSync(html, rehashed);

// Every file a page or script names must be there under that name (the
// renaming above matches names, so a new snippet of the same name as
// another, say, would show here rather than in a browser).
const missing = [];
for (const file of files(staging).filter((f) => /\.(js|html)$/.test(f))) {
  const text = readFileSync(file, 'utf8');
  const named = [
    ...[...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]),
    ...[...text.matchAll(/new URL\(\s*["']([^"':]+)["']\s*,\s*import\.meta\.url/g)].map((m) => m[1]),
    ...(file.endsWith('.html') ? [...text.matchAll(/["'](\.\/[^"']+\.(?:js|wasm|css))["']/g)].map((m) => m[1]) : []),
  ];
  for (const name of named) {
    if (!existsSync(path.resolve(path.dirname(file), name))) missing.push(`${path.relative(staging, file)} names ${name}`);
  }
}
if (missing.length) {
  console.error(`minify-dist: files named but not there:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
