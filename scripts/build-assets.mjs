#!/usr/bin/env node
// Build PeerPath's front-end assets into peerpath/static/ (committed).
//
//   npm ci --no-audit --no-fund && npm run build
//
// Deterministic: same package-lock.json => byte-identical outputs (no
// timestamps, no source maps). The output folders peerpath/static/nhsuk/ and
// peerpath/static/htmx/ are owned by this script and are wiped on each run.
// Fails if the compiled CSS references any host other than our own.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nodeModules = path.join(root, "node_modules");
const staticDir = path.join(root, "peerpath", "static");
const nhsukOut = path.join(staticDir, "nhsuk");
const htmxOut = path.join(staticDir, "htmx");
const nhsukDist = path.join(nodeModules, "nhsuk-frontend", "dist", "nhsuk");
const ASSETS_URL = "/static/nhsuk/assets/";

const fail = (msg) => {
  console.error(`build-assets: ERROR: ${msg}`);
  process.exit(1);
};
const version = (pkg) =>
  JSON.parse(fs.readFileSync(path.join(nodeModules, pkg, "package.json"), "utf8")).version;
const rel = (p) => path.relative(root, p);

// Remove any trailing "//# sourceMappingURL=..." comment: we do not ship .map
// files, so it would only cause 404s in browser devtools.
const stripSourceMap = (js) =>
  js.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "").replace(/\s*$/, "\n");

// Sorted recursive copy, so the result never depends on directory order.
function copyTree(src, dest) {
  fs.mkdirSync(dest, { recursive: true });
  for (const name of fs.readdirSync(src).sort()) {
    const s = path.join(src, name);
    const d = path.join(dest, name);
    if (fs.statSync(s).isDirectory()) copyTree(s, d);
    else fs.copyFileSync(s, d);
  }
}

// 0. Start from clean output folders.
fs.rmSync(nhsukOut, { recursive: true, force: true });
fs.rmSync(htmxOut, { recursive: true, force: true });
fs.mkdirSync(nhsukOut, { recursive: true });
fs.mkdirSync(htmxOut, { recursive: true });

// 1. Compile Sass.
const warnings = [];
const result = sass.compile(
  path.join(root, "peerpath", "assets", "scss", "peerpath.scss"),
  {
    style: "compressed",
    sourceMap: false,
    charset: false, // no BOM; an explicit @charset is added below instead
    loadPaths: [nodeModules],
    logger: {
      warn(message, { deprecation }) {
        warnings.push(message);
        console.warn(`sass ${deprecation ? "deprecation " : ""}warning: ${message}`);
      },
      debug() {},
    },
  },
);
// The CSS contains a few non-ASCII characters from nhsuk-frontend (e.g. a
// no-break space in visually-hidden ::before content). Declare UTF-8 like
// upstream's own nhsuk-frontend.min.css does, rather than a hidden BOM.
let css = result.css.trim() + "\n";
if (/[^\x00-\x7f]/.test(css)) css = '@charset "UTF-8";' + css;

// Guard: every url() must point at our own static assets (or be a data: URI),
// and nothing may reference another host.
for (const m of css.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/g)) {
  const url = m[2];
  if (!url.startsWith(ASSETS_URL) && !url.startsWith("data:")) {
    fail(`unexpected url() in CSS: ${url}`);
  }
  if (url.startsWith(ASSETS_URL)) {
    const file = path.join(nhsukDist, "assets", url.slice(ASSETS_URL.length));
    if (!fs.existsSync(file)) fail(`CSS refers to missing asset: ${url}`);
  }
}
const external = css.match(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/gi);
if (external) fail(`external reference(s) in CSS: ${[...new Set(external)].join(", ")}`);
if (/@font-face/.test(css)) fail("CSS contains @font-face (fonts must not be fetched)");
if (/@import/.test(css)) fail("CSS contains @import");

fs.writeFileSync(path.join(nhsukOut, "peerpath.min.css"), css);

// 2. nhsuk-frontend JavaScript (an ES module: load with type="module").
const nhsukJs = stripSourceMap(
  fs.readFileSync(path.join(nhsukDist, "nhsuk-frontend.min.js"), "utf8"),
);
fs.writeFileSync(path.join(nhsukOut, "nhsuk-frontend.min.js"), nhsukJs);

// 3. nhsuk-frontend static assets (images, favicons, manifest.json).
copyTree(path.join(nhsukDist, "assets"), path.join(nhsukOut, "assets"));

// manifest.json must not point at other hosts; its icon paths are relative
// ("images/...", resolved against the manifest URL), so they already work
// under /static/nhsuk/assets/. Rewrite any root-relative /assets/ path.
const manifestPath = path.join(nhsukOut, "assets", "manifest.json");
const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
for (const icon of manifest.icons ?? []) {
  if (/^(?:[a-z]+:)?\/\//i.test(icon.src)) fail(`external icon in manifest: ${icon.src}`);
  if (icon.src.startsWith("/assets/")) icon.src = ASSETS_URL + icon.src.slice("/assets/".length);
}
fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + "\n");

// 4. htmx (classic script, defines window.htmx).
const htmxJs = stripSourceMap(
  fs.readFileSync(path.join(nodeModules, "htmx.org", "dist", "htmx.min.js"), "utf8"),
);
fs.writeFileSync(path.join(htmxOut, "htmx.min.js"), htmxJs);

// 5. Record what was built from.
fs.writeFileSync(
  path.join(staticDir, "VERSIONS.txt"),
  [
    "# Generated by scripts/build-assets.mjs (npm run build). Do not edit.",
    "# Vendored front-end packages in peerpath/static/:",
    `nhsuk-frontend ${version("nhsuk-frontend")}  -> nhsuk/nhsuk-frontend.min.js, nhsuk/assets/, nhsuk/peerpath.min.css`,
    `htmx.org ${version("htmx.org")}  -> htmx/htmx.min.js`,
    `# Built with: sass ${version("sass")}`,
    "",
  ].join("\n"),
);

for (const f of ["nhsuk/peerpath.min.css", "nhsuk/nhsuk-frontend.min.js", "htmx/htmx.min.js", "VERSIONS.txt"]) {
  const p = path.join(staticDir, f);
  console.log(`${String(fs.statSync(p).size).padStart(8)}  ${rel(p)}`);
}
console.log(`build-assets: done (${warnings.length} Sass warning(s))`);
