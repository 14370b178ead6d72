// Generates the TA-Lib reference vectors in data/fixtures/talib/ that the C# indicator kernels
// (spark-jobs/Jobs/Indicators) are tested against. TA-Lib itself is the oracle: the npm package
// `talib` compiles TA-Lib's C sources, and this script only builds input series, calls TA-Lib and
// writes what it returns, aligned to input indexes (null where TA-Lib produced no output).
//
// Deterministic: the random series come from a fixed-seed PRNG written below, and the files carry
// no timestamps, so re-running the script reproduces the committed files byte for byte.
//
//   cd tools/talib-oracle && npm ci && node generate.mjs

import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const talib = require('talib');

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', '..', 'data', 'fixtures', 'talib');
const SEED = 20240607;

// ---------------------------------------------------------------------------------------------
// Deterministic random numbers: mulberry32 (uniform in [0, 1)) and Box-Muller normals.

function rng(seed) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = 1 - uniform();
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return { uniform, normal };
}

const cents = (x) => Math.round(x * 100) / 100;

// A geometric random walk with real-shaped OHLC bars: the open gaps from the previous close, the
// high and low extend beyond the open/close body, prices are rounded to cents (so some days do
// not change at all, which exercises RSI's zero-change handling).
function randomWalk(n, { seed, start = 100, drift = 0.0003, vol = 0.018, round = cents }) {
  const r = rng(seed);
  const open = [], high = [], low = [], close = [];
  let prev = start;
  for (let i = 0; i < n; i++) {
    const o = round(prev * Math.exp(0.004 * r.normal()));
    const c = round(prev * Math.exp(drift + vol * r.normal()));
    const h = round(Math.max(o, c) * (1 + Math.abs(0.008 * r.normal())));
    const l = round(Math.min(o, c) * (1 - Math.abs(0.008 * r.normal())));
    open.push(o); high.push(Math.max(h, o, c)); low.push(Math.min(l, o, c)); close.push(c);
    prev = c;
  }
  return { open, high, low, close };
}

const flatBar = (p) => ({ open: p, high: p, low: p, close: p });

function concat(...parts) {
  const out = { open: [], high: [], low: [], close: [] };
  for (const p of parts) for (const k of Object.keys(out)) out[k].push(...p[k]);
  return out;
}

function slice(s, n) {
  return { open: s.open.slice(0, n), high: s.high.slice(0, n), low: s.low.slice(0, n), close: s.close.slice(0, n) };
}

function fromBars(bars) {
  return concat(...bars.map((b) => ({ open: [b.open], high: [b.high], low: [b.low], close: [b.close] })));
}

// As-traded prices with a 4:1 split and quarterly cash dividends, and the back-adjusted series a
// Yahoo-style adj_close gives: every bar before an event is scaled by the event's factor
// (1/ratio for a split, 1 - dividend/previous close for a dividend). The job scales O/H/L/C by
// adj_close/close, so the adjusted series is what the kernels see.
function splitAndDividends(n, seed) {
  const raw = randomWalk(n, { seed, start: 480, vol: 0.015 });
  const splitAt = Math.floor(n * 0.55);
  for (let i = splitAt; i < n; i++) {
    for (const k of ['open', 'high', 'low', 'close']) raw[k][i] = cents(raw[k][i] / 4);
  }
  const factor = new Array(n).fill(1);
  const events = [{ at: splitAt, f: 1 / 4 }];
  for (let at = 40; at < n; at += 63) {
    const dividend = at < splitAt ? 0.82 : 0.205;
    events.push({ at, f: 1 - dividend / raw.close[at - 1] });
  }
  for (const e of events) for (let i = 0; i < e.at; i++) factor[i] *= e.f;
  const adjusted = { open: [], high: [], low: [], close: [] };
  for (let i = 0; i < n; i++) {
    const adjClose = raw.close[i] * factor[i];
    const scale = adjClose / raw.close[i];
    adjusted.open.push(raw.open[i] * scale);
    adjusted.high.push(raw.high[i] * scale);
    adjusted.low.push(raw.low[i] * scale);
    adjusted.close.push(adjClose);
  }
  return { raw, adjusted, splitAt };
}

// ---------------------------------------------------------------------------------------------
// TA-Lib calls. Every call runs over the whole series (startIdx 0) like the kernels do.

const DEFAULT_CALLS = [
  { function: 'SMA', options: { optInTimePeriod: 20 } },
  { function: 'SMA', options: { optInTimePeriod: 50 } },
  { function: 'SMA', options: { optInTimePeriod: 200 } },
  { function: 'EMA', options: { optInTimePeriod: 12 } },
  { function: 'EMA', options: { optInTimePeriod: 26 } },
  { function: 'MACD', options: { optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9 } },
  { function: 'RSI', options: { optInTimePeriod: 14 } },
  { function: 'BBANDS', options: { optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: 0 } },
  { function: 'ATR', options: { optInTimePeriod: 14 } },
];

// Other periods, so a kernel that hard-codes a default period fails.
const OTHER_CALLS = [
  { function: 'SMA', options: { optInTimePeriod: 5 } },
  { function: 'EMA', options: { optInTimePeriod: 5 } },
  { function: 'MACD', options: { optInFastPeriod: 5, optInSlowPeriod: 13, optInSignalPeriod: 4 } },
  { function: 'RSI', options: { optInTimePeriod: 5 } },
  { function: 'BBANDS', options: { optInTimePeriod: 10, optInNbDevUp: 1.5, optInNbDevDn: 1.5, optInMAType: 0 } },
  { function: 'ATR', options: { optInTimePeriod: 5 } },
];

function align(n, begIndex, nbElement, values) {
  if (values.length !== nbElement) throw new Error(`TA-Lib returned ${values.length} values but nbElement ${nbElement}`);
  if (nbElement > 0 && begIndex + nbElement !== n) throw new Error(`outputs end at ${begIndex + nbElement}, input has ${n}`);
  const out = new Array(n).fill(null);
  for (let j = 0; j < nbElement; j++) {
    if (!Number.isFinite(values[j])) throw new Error(`TA-Lib returned a non-finite value ${values[j]}`);
    out[begIndex + j] = values[j];
  }
  return out;
}

function run(series, call) {
  const n = series.close.length;
  const args = { name: call.function, startIdx: 0, endIdx: n - 1, ...call.options };
  if (call.function === 'ATR') {
    Object.assign(args, { high: series.high, low: series.low, close: series.close });
  } else {
    args.inReal = series.close;
  }
  const result = talib.execute(args);
  if (result.error) throw new Error(`${call.function}: ${JSON.stringify(result.error)}`);
  const outputs = {};
  for (const [name, values] of Object.entries(result.result)) {
    outputs[name] = align(n, result.begIndex, result.nbElement, values);
  }
  return { function: call.function, options: call.options, begIndex: result.nbElement > 0 ? result.begIndex : null, nbElement: result.nbElement, outputs };
}

// ---------------------------------------------------------------------------------------------
// Output: one file per case, each array of numbers on one line so diffs stay readable.

function taLibVersion() {
  const wrapper = require('talib/package.json').version;
  try {
    const source = readFileSync(join(dirname(require.resolve('talib/package.json')), 'src/lib/src/ta_common/ta_version.c'), 'utf8');
    const part = (name) => source.match(new RegExp(`#define ${name} "([^"]*)"`))?.[1];
    return `npm talib ${wrapper} (TA-Lib C ${part('MAJOR')}.${part('MINOR')}.${part('BUILD')}${part('EXTRA') ? '-' + part('EXTRA') : ''})`;
  } catch {
    return `npm talib ${wrapper}`;
  }
}

function render(value, indent = 0) {
  const pad = '  '.repeat(indent + 1);
  const end = '  '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return JSON.stringify(value);
    return `[\n${value.map((v) => pad + render(v, indent + 1)).join(',\n')}\n${end}]`;
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value).map(([k, v]) => `${pad}${JSON.stringify(k)}: ${render(v, indent + 1)}`);
  return `{\n${entries.join(',\n')}\n${end}}`;
}

const version = taLibVersion();

function write(name, description, series, calls) {
  for (const k of ['open', 'high', 'low', 'close']) {
    if (series[k].length !== series.close.length) throw new Error(`${name}: ${k} has a different length`);
  }
  const doc = {
    name,
    description,
    oracle: version,
    generator: 'tools/talib-oracle/generate.mjs',
    length: series.close.length,
    inputs: { open: series.open, high: series.high, low: series.low, close: series.close },
    calls: calls.map((c) => run(series, c)),
  };
  const text = render(doc) + '\n';
  JSON.parse(text);
  writeFileSync(join(outDir, `${name}.json`), text);
  return doc;
}

mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) if (f.endsWith('.json')) rmSync(join(outDir, f));

const walk = randomWalk(1000, { seed: SEED });
write('random_walk', 'Geometric random walk, 1000 bars, prices in cents (fixed seed).', walk, DEFAULT_CALLS);

const split = splitAndDividends(420, SEED + 1);
write('split_adjusted', `Back-adjusted series of a stock with a 4:1 split at bar ${split.splitAt} and quarterly dividends: O/H/L/C scaled by adj_close/close.`, split.adjusted, [...DEFAULT_CALLS, ...OTHER_CALLS]);
write('split_unadjusted', `The same stock as traded: prices drop 4x at bar ${split.splitAt} (a jump the indicators must survive).`, split.raw, DEFAULT_CALLS);

const flatRun = concat(randomWalk(40, { seed: SEED + 2, start: 60 }), fromBars(new Array(50).fill(flatBar(61.37))), randomWalk(40, { seed: SEED + 3, start: 61.37 }));
write('flat_run', 'Random walk, then 50 bars with O=H=L=C unchanged (no gains, no losses, zero true range), then a walk again.', flatRun, [...DEFAULT_CALLS, ...OTHER_CALLS]);

write('constant', '60 bars all at 50.25: RSI has G+L = 0, Bollinger width and ATR are 0.', fromBars(new Array(60).fill(flatBar(50.25))), [...DEFAULT_CALLS, ...OTHER_CALLS]);

const rising = fromBars(Array.from({ length: 80 }, (_, i) => {
  const c = cents(20 * Math.pow(1.01, i) + 0.01 * i);
  return { open: c - 0.05, high: c + 0.1, low: c - 0.2, close: c };
}));
write('rising', '80 bars with a strictly rising close: average loss is 0, so RSI is 100.', rising, [...DEFAULT_CALLS, ...OTHER_CALLS]);

const falling = fromBars(Array.from({ length: 80 }, (_, i) => {
  const c = cents(90 * Math.pow(0.99, i) - 0.01 * i);
  return { open: c + 0.05, high: c + 0.2, low: c - 0.1, close: c };
}));
write('falling', '80 bars with a strictly falling close: average gain is 0, so RSI is 0.', falling, [...DEFAULT_CALLS, ...OTHER_CALLS]);

const tiny = randomWalk(120, { seed: SEED + 4, start: 100, drift: 0, vol: 2e-11, round: (x) => x });
write('tiny_moves', 'Closes moving by about 2e-9 a bar around 100: pins how TA-Lib treats a near-zero G+L (RSI) and a near-zero variance (Bollinger).', tiny, [...DEFAULT_CALLS, ...OTHER_CALLS]);

const small = randomWalk(300, { seed: SEED + 5, start: 100, drift: 0, vol: 2e-6, round: (x) => x });
write('small_moves', 'Closes moving by about 2e-4 a bar around 100: window variances straddle 1e-8.', small, [...DEFAULT_CALLS, ...OTHER_CALLS]);

// Flat stretches at many price levels: rounding in the running sums leaves each flat window a
// variance of exactly 0, a tiny positive value below TA-Lib's epsilon 1e-14 (σ forced to 0) or one
// above it (a tiny non-zero band width), so the file pins TA-Lib's variance threshold.
const levels = [0.7, 1.1, 1.37, 2.9, 3.3, 9.99, 13.7, 27.1, 61.37, 143.9];
const flatLevels = concat(...levels.flatMap((level, i) => [
  randomWalk(25, { seed: SEED + 10 + i, start: level }),
  fromBars(new Array(30).fill(flatBar(level))),
]));
write('flat_levels', `Ten 25-bar random walks, each followed by 30 unchanged bars at ${levels.join(', ')}: pins TA-Lib's zero-variance threshold for Bollinger bands.`, flatLevels, [...DEFAULT_CALLS, ...OTHER_CALLS]);

// Closes that move by one unit in the last place around 1.1 (2.2e-16): G + L is far below
// TA-Lib's epsilon 1e-14, so TA-Lib's RSI is 0 although gains and losses are not exactly zero.
const ulpMoves = fromBars(Array.from({ length: 60 }, (_, i) => {
  const c = 1.1 + ((i * 7) % 3 === 0 ? 0 : (i % 2 === 0 ? Number.EPSILON : 2 * Number.EPSILON));
  return { open: c, high: c + 0.01, low: c - 0.01, close: c };
}));
write('ulp_moves', 'Closes around 1.1 moving by one or two units in the last place: pins that TA-Lib returns RSI 0 when |G + L| < 1e-14.', ulpMoves, [...DEFAULT_CALLS, ...OTHER_CALLS]);

for (const n of [1, 2, 10, 14, 15, 33, 34, 199, 200, 201]) {
  write(`short_${String(n).padStart(3, '0')}`, `The first ${n} bars of random_walk: a history around the lookback of some indicator.`, slice(walk, n), DEFAULT_CALLS);
}

console.log(`wrote ${readdirSync(outDir).filter((f) => f.endsWith('.json')).length} files to ${outDir} with ${version}`);
