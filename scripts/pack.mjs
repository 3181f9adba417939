// The npm package `smart-link-clicks`, built from the release dist/ (run
// scripts/pack.sh, which builds dist/ first): the element's module and the
// files it loads, the types (with the React and Vue entries) and the
// Custom Elements Manifest, under a package.json whose version is
// Cargo.toml's. Writes pkg/smart-link-clicks-<version>.tgz; nothing is
// published.
//
// The standalone page (index.html, page-*.css) stays out. The glue finds
// its .wasm with `new URL("slc-core_bg-<hash>.wasm", import.meta.url)`,
// which Vite and other bundlers copy without configuration.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, process.argv[2] ?? 'dist');
const out = path.join(root, 'pkg');
const stage = path.join(out, 'smart-link-clicks');

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(path.join(root, 'Cargo.toml'), 'utf8'))?.[1];
if (!version) throw new Error('pack: no version in Cargo.toml');
if (!existsSync(path.join(dist, 'smart-link-clicks.js'))) throw new Error(`pack: ${dist} has no smart-link-clicks.js (build dist/ first)`);

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
const shipped = (name) => !['index.html'].includes(name) && !/^page-.*\.css$/.test(name);
for (const name of readdirSync(dist).filter(shipped)) {
  cpSync(path.join(dist, name), path.join(stage, name), { recursive: true });
}
for (const name of ['react.d.ts', 'vue.d.ts']) {
  cpSync(path.join(root, 'web', name), path.join(stage, name));
}
const glue = readdirSync(stage).find((name) => /^slc-core-[0-9a-f]{16}\.js$/.test(name));
if (!glue) throw new Error('pack: no content-named glue (slc-core-<hash>.js) in dist/: build it with --release');

const manifest = {
  name: 'smart-link-clicks',
  version,
  description: 'The clicks of one OnlyFans smart link: a <smart-link-clicks> custom element (Rust, WebAssembly) behind your own proxy.',
  type: 'module',
  // Importing the package defines <smart-link-clicks>.
  exports: {
    '.': { types: './smart-link-clicks.d.ts', default: './smart-link-clicks.js' },
    './react': { types: './react.d.ts' },
    './vue': { types: './vue.d.ts' },
    './custom-elements.json': './custom-elements.json',
    './package.json': './package.json',
  },
  types: './smart-link-clicks.d.ts',
  customElements: 'custom-elements.json',
  // The module's whole work is a side effect (defining the element): a
  // bundler must never drop the import.
  sideEffects: ['./smart-link-clicks.js', `./${glue}`, './snippets/**'],
  // The framework entries' types import React's or Vue's: optional peers.
  peerDependencies: { '@types/react': '>=19', vue: '>=3.5' },
  peerDependenciesMeta: { '@types/react': { optional: true }, vue: { optional: true } },
  license: 'UNLICENSED',
};
writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

const tarball = execFileSync('npm', ['pack', '--pack-destination', out, '--json', stage], { encoding: 'utf8' });
const [{ filename }] = JSON.parse(tarball);
console.log(path.join(out, filename));
