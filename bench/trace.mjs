// Where the time goes: records a Chrome trace of one widget run and one
// baseline run of a scenario (after one warm-up run each) and prints, on one
// time axis from navigation start, the requests, the rows mark and the
// renderer main thread's tasks with what ran inside them. A profiling aid
// beside bench/run.mjs, not a figure:
//
//   node bench/trace.mjs navigation|render|flip
//
// after ./bench/run.sh has built dist/ and the proxy (SLC_PROXY_BIN as for
// run.mjs). Knobs: TRACE_DIST (another dist/, e.g. one built with wasm-opt
// -g so wasm functions have names), TRACE_MIN_MS (shortest event shown,
// 0.3), TRACE_DETAIL=1 (every event of the task that wrote the rows),
// TRACE_SAMPLES=1 (instead of tasks: sampled self time by function between
// the clicks response's end and the rows; =all: from the start), TRACE_TOP
// (rows of that, 30).
import path from 'node:path';
import { launchBrowser, repoRoot, startMockProxy, startSite } from '../tests/e2e/support/env.mjs';
import { OBSERVER } from './observer.mjs';

const scenario = process.argv[2] ?? 'navigation';
const minUs = Number(process.env.TRACE_MIN_MS ?? 0.3) * 1000;
const CATEGORIES = [
  ...(process.env.TRACE_SAMPLES ? ['disabled-by-default-v8.cpu_profiler'] : []),
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack',
  'blink.user_timing', 'loading', 'v8', 'v8.wasm',
].join(',');
const TASKS = ['RunTask', 'ThreadControllerImpl::RunTask'];

const proxy = await startMockProxy();
const sites = {
  widget: await startSite(process.env.TRACE_DIST ?? path.join(repoRoot, 'dist')),
  baseline: await startSite(path.join(repoRoot, 'bench/baseline')),
};
const browser = await launchBrowser();

async function traceOnce(kind) {
  const pageSize = scenario === 'render' ? 1000 : 100;
  const linkId = scenario === 'navigation' ? 'demo' : 'viral';
  const url = `${sites[kind].url}/?${new URLSearchParams({ proxy: proxy.url, 'link-id': linkId, 'page-size': String(pageSize) })}`;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(OBSERVER, { mark: true });
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  const start = () => cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  if (scenario === 'flip') {
    await page.goto(url);
    await page.waitForFunction(() => window.__bench.events.some((e) => e.rows === 100));
    await page.waitForTimeout(500);
    await start();
    const from = await page.evaluate(() => window.__bench.events.length);
    await page.locator(kind === 'widget' ? 'button[aria-label="Next page"]' : '#next').click();
    await page.waitForFunction((n) => window.__bench.events.length > n, from);
  } else {
    await start();
    await page.goto(url);
    await page.waitForFunction((n) => window.__bench.events.some((e) => e.rows === n), pageSize);
  }
  await page.waitForTimeout(200);
  await cdp.send('Tracing.end');
  await done;
  await page.close();
  return events;
}

/** Sampled self time by function between the last clicks response's end
 * and the rows mark (profile samples share the trace's clock). */
function samplesReport(events, pid, rowsMark) {
  const from = process.env.TRACE_SAMPLES === 'all'
    ? 0
    : Math.max(...events.filter((x) => x.pid === pid && x.name === 'ResourceFinish' && x.ts < rowsMark.ts).map((x) => x.ts));
  const nodes = new Map();
  const self = new Map();
  let total = 0;
  for (const profile of events.filter((x) => x.pid === pid && x.name === 'Profile')) {
    let time = profile.args.data.startTime;
    for (const chunk of events.filter((x) => x.pid === pid && x.name === 'ProfileChunk' && x.id === profile.id)) {
      const cpu = chunk.args.data.cpuProfile ?? {};
      for (const node of cpu.nodes ?? []) nodes.set(node.id, node);
      (cpu.samples ?? []).forEach((id, i) => {
        time += chunk.args.data.timeDeltas[i];
        if (time < from || time > rowsMark.ts) return;
        const frame = nodes.get(id)?.callFrame ?? {};
        const name = `${frame.functionName || '(anon)'} ${(frame.url ?? '').split('/').pop()}`.slice(0, 110);
        self.set(name, (self.get(name) ?? 0) + 1);
        total += 1;
      });
    }
  }
  console.log(`samples from ${from ? `response end to rows (${((rowsMark.ts - from) / 1000).toFixed(1)} ms)` : 'the start to rows'}: ${total}`);
  for (const [name, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TRACE_TOP ?? 30))) {
    console.log(`${String(n).padStart(6)}  ${((100 * n) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
}

function report(kind, events) {
  const rowsMark = events.find((x) => x.name?.startsWith('rows '));
  const pid = rowsMark?.pid;
  const tid = rowsMark?.tid;
  const nav = events.find((e) => e.pid === pid && (e.name === 'navigationStart' || e.name === 'fetchStart'))?.ts
    ?? Math.min(...events.filter((e) => e.pid === pid && e.ts).map((e) => e.ts));
  const t = (us) => ((us - nav) / 1000).toFixed(1).padStart(7);
  const name = (e) => `${e.name}${e.args?.data?.url ? `(${e.args.data.url.replace(/\?.*/, '').split('/').pop()})` : ''}${e.args?.data?.functionName ? `[${e.args.data.functionName}]` : ''}`;
  console.log(`\n## ${kind} (${scenario})`);
  for (const e of events.filter((x) => x.pid === pid && (x.name?.startsWith('rows ') || x.name === 'ResourceFinish' || x.name === 'ResourceSendRequest'))) {
    console.log(`${t(e.ts)} ms  mark   ${e.name} ${(e.args?.data?.url ?? '').replace(/\?.*/, '').slice(-50)}`);
  }
  if (process.env.TRACE_SAMPLES) {
    samplesReport(events, pid, rowsMark);
    return;
  }
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur >= minUs);
  const tasks = onMain.filter((e) => TASKS.includes(e.name));
  const inner = onMain.filter((e) => !TASKS.includes(e.name));
  for (const e of inner.filter((x) => ['UpdateLayoutTree', 'Layout'].includes(x.name) && x.args?.beginData?.stackTrace)) {
    const stack = e.args.beginData.stackTrace.slice(0, 4).map((f) => `${f.functionName || '?'}@${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`).join(' < ');
    console.log(`${t(e.ts)} ms  forced ${e.name} ${(e.dur / 1000).toFixed(1)} ms by ${stack}`);
  }
  const rowsTask = tasks.find((x) => x.ts <= rowsMark.ts && x.ts + x.dur >= rowsMark.ts);
  if (process.env.TRACE_DETAIL && rowsTask) {
    for (const e of inner.filter((x) => x.ts >= rowsTask.ts && x.ts <= rowsTask.ts + rowsTask.dur)) {
      console.log(`${t(e.ts)} ms  ${(e.dur / 1000).toFixed(2).padStart(6)} ms  ${name(e)} ${e.args?.data?.type ?? ''}`);
    }
  }
  for (const task of tasks) {
    const parts = inner.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur).map((e) => `${name(e)} ${(e.dur / 1000).toFixed(1)}`);
    console.log(`${t(task.ts)} ms  task ${(task.dur / 1000).toFixed(1).padStart(6)} ms  ${[...new Set(parts)].slice(0, 14).join(', ')}`);
  }
}

for (const kind of (process.env.TRACE_KINDS ?? 'widget,baseline').split(',')) {
  await traceOnce(kind); // warms the static server, the proxy and the browser
  report(kind, await traceOnce(kind));
}
await browser.close();
await sites.widget.stop();
await sites.baseline.stop();
await proxy.stop();
