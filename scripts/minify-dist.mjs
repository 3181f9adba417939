// Trunk post_build hook (see Trunk.toml): in release builds, minifies the
// JavaScript that trunk staged (the wasm-bindgen glue, our snippets, the
// loader) with esbuild, drops wasm custom sections no browser reads, gives
// the functions the wasm imports from its glue short names, and updates the
// integrity hashes index.html gives for them; snippets no script imports
// are left out, and so is the wasm's preload when the page's loader fetches
// the wasm itself. The size budget
// counts these files (bench/results.md).
//
// Without esbuild (scripts/lib.sh installs it) the JavaScript stays as
// built and a warning says so: the build still works, only larger.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
/** The bytes of an unsigned LEB128 number. */
function lebBytes(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

/** `a`, `b`, … `Z`, `aa`, `ab`, …: the nth short name. */
function shortName(n) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  do {
    name = letters[n % 52] + name;
    n = Math.floor(n / 52) - 1;
  } while (n >= 0);
  return name;
}

/**
 * wasm-bindgen names every imported function `__wbg_<name>_<16 hex digits>`,
 * once in the wasm and once in the glue: 175 names, 6 KB, whose hashes no
 * compressor can shrink. Gives each function imported from the glue a short
 * name in both files. A name is renamed only where the glue holds it
 * exactly once (its key in the imports object); anything unexpected in the
 * import section leaves both files as they are.
 * Returns the new import section, or null to keep the old one.
 */
function shortenImports(section, glue) {
  const entries = [];
  let [count, at] = leb(section, 0);
  for (let i = 0; i < count; i += 1) {
    const [moduleLength, moduleAt] = leb(section, at);
    const module = section.subarray(moduleAt, moduleAt + moduleLength).toString('utf8');
    const nameLengthAt = moduleAt + moduleLength;
    const [nameLength, nameAt] = leb(section, nameLengthAt);
    const name = section.subarray(nameAt, nameAt + nameLength).toString('utf8');
    const descAt = nameAt + nameLength;
    if (section[descAt] !== 0x00) return null; // only functions are expected
    const [, end] = leb(section, descAt + 1);
    entries.push({ module, name, head: section.subarray(at, nameLengthAt), desc: section.subarray(descAt, end) });
    at = end;
  }
  if (at !== section.length) return null;
  const token = (name) => new RegExp(`(?<![\\w$])${name.replace(/[$]/g, '\\$&')}(?![\\w$])`, 'g');
  const short = new Map(); // a name imported twice keeps its one short name
  const parts = [lebBytes(count)];
  for (const entry of entries) {
    let name = entry.name;
    if (entry.module === `./${glue.module}` && short.has(name)) {
      name = short.get(name);
    } else if (entry.module === `./${glue.module}` && /^[\w$]+$/.test(name) && (glue.text.match(token(name)) ?? []).length === 1) {
      name = shortName(short.size);
      short.set(entry.name, name);
      glue.text = glue.text.replace(token(entry.name), name);
    }
    const bytes = Buffer.from(name, 'utf8');
    parts.push(entry.head, lebBytes(bytes.length), bytes, entry.desc);
  }
  return Buffer.concat(parts);
}

for (const file of files(staging).filter((f) => f.endsWith('.wasm'))) {
  const bytes = readFileSync(file);
  // The glue that instantiates `x_bg.wasm` is `x.js`; it names the import module `./x_bg.js`.
  const gluePath = file.replace(/_bg\.wasm$/, '.js');
  const glue = { module: path.basename(file).replace(/\.wasm$/, '.js'), text: gluePath !== file ? readFileSync(gluePath, 'utf8') : '' };
  const kept = [bytes.subarray(0, 8)];
  for (let at = 8; at < bytes.length;) {
    const [size, body] = leb(bytes, at + 1);
    const end = body + size;
    let drop = false;
    if (bytes[at] === 0) {
      const [nameLength, name] = leb(bytes, body);
      drop = UNUSED_SECTIONS.has(bytes.subarray(name, name + nameLength).toString('utf8'));
    }
    const imports = bytes[at] === 2 && glue.text ? shortenImports(bytes.subarray(body, end), glue) : null;
    if (imports) kept.push(Buffer.from([2]), lebBytes(imports.length), imports);
    else if (!drop) kept.push(bytes.subarray(at, end));
    at = end;
  }
  writeFileSync(file, Buffer.concat(kept));
  if (glue.text) writeFileSync(gluePath, glue.text);
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
