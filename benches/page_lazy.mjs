// How much of the first view's wasm V8 compiles on the main thread before the page answers: the
// functions compiled on their first call (`wasm.CompileLazy` in a Chromium trace) between
// navigation and body[data-ready=true], with their bytes of code. Unlike the load's times, the
// set of functions a load runs does not depend on the machine's load, so this is a before/after
// figure for the mount's work that a noisy machine does not blur (as callgrind's instruction
// counts are for the native bench). Thread and wall times are printed too, for scale only (the
// trace's own overhead is in them).
//
//   node benches/page_lazy.mjs [DIR] [loads=3]
//
// DIR: a built page (default dist/www). Each load: a fresh context, traced with the categories
// `v8.wasm` and `blink.user_timing`; an init script puts a user-timing mark when
// body[data-ready=true] appears, and only the compiles before that mark are counted. The
// module's code sizes come from its code section (pkg/luciq_scim_first_view_bg.wasm in DIR).
// A benchmark: it reports what it measured and never fails on timing.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { CHROMIUM_ARGS, serve } from "../tests/e2e/browser.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const LOADS = Number(args.find((a) => a.startsWith("loads="))?.slice(6) ?? 3);
const dir = path.resolve(args.find((a) => !a.includes("=")) ?? path.join(root, "dist/www"));
const wasmPath = path.join(dir, "pkg/luciq_scim_first_view_bg.wasm");
if (!fs.existsSync(wasmPath)) {
  console.error(`page_lazy: ${wasmPath} is missing (build the page, or pass its directory)`);
  process.exit(1);
}

/** The module's imported function count and each defined function's body size, from its
 * import and code sections. */
function functionSizes(bytes) {
  let i = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[i++];
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) return value;
    }
  };
  let imports = 0;
  const sizes = [];
  while (i < bytes.length) {
    const id = bytes[i++];
    const length = leb();
    const end = i + length;
    if (id === 2) {
      for (let n = leb(); n > 0; n--) {
        const moduleName = leb();
        i += moduleName;
        const fieldName = leb();
        i += fieldName;
        const kind = bytes[i++];
        if (kind === 0) {
          leb();
          imports++;
        } else if (kind === 1) {
          i++;
          const flags = leb();
          leb();
          if (flags & 1) leb();
        } else if (kind === 2) {
          const flags = leb();
          leb();
          if (flags & 1) leb();
        } else if (kind === 3) {
          i += 2;
        } else {
          throw new Error(`import kind ${kind} not read here`);
        }
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) {
        const size = leb();
        sizes.push(size);
        i += size;
      }
    }
    i = end;
  }
  return { imports, sizes };
}

const { imports, sizes } = functionSizes(fs.readFileSync(wasmPath));
const codeBytes = sizes.reduce((a, b) => a + b, 0);
const server = await serve(dir);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });

async function load() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.body?.dataset.ready === "true") {
        performance.mark("luciq-ready");
        observer.disconnect();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
  });
  const page = await context.newPage();
  await browser.startTracing(page, { categories: ["v8.wasm", "blink.user_timing"] });
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  await context.close();
  const ready = events.find((e) => e.name === "luciq-ready");
  if (!ready) throw new Error("no ready mark in the trace");
  // The first view's module is the only one instantiated before ready.
  const compiles = events.filter((e) => e.name === "wasm.CompileLazy" && e.ph === "X" && e.ts <= ready.ts);
  const indices = new Set(compiles.map((e) => e.args.func_index));
  let bytes = 0;
  let small = 0;
  for (const f of indices) {
    const size = sizes[f - imports];
    if (size === undefined) throw new Error(`function ${f} is not one of the first view's`);
    bytes += size;
    if (size < 100) small++;
  }
  return {
    functions: indices.size,
    bytes,
    small,
    thread: compiles.reduce((a, e) => a + (e.tdur ?? 0), 0) / 1000,
    wall: compiles.reduce((a, e) => a + (e.dur ?? 0), 0) / 1000,
  };
}

console.log("luciq-scim: the first view's wasm compiled on first call before the page answers");
console.log(`${path.relative(process.cwd(), wasmPath)}: ${imports} imported and ${sizes.length} defined functions, ${codeBytes} bytes of code`);
console.log(`${"load".padStart(4)} ${"functions".padStart(9)} ${"bytes".padStart(8)} ${"< 100 B".padStart(8)} ${"thread ms".padStart(9)} ${"wall ms".padStart(8)}`);
await load(); // warm-up, not counted
for (let n = 1; n <= LOADS; n++) {
  const m = await load();
  console.log(
    `${String(n).padStart(4)} ${String(m.functions).padStart(9)} ${String(m.bytes).padStart(8)} ${String(m.small).padStart(8)} ${m.thread.toFixed(1).padStart(9)} ${m.wall.toFixed(1).padStart(8)}`,
  );
}
await browser.close();
server.stop();
