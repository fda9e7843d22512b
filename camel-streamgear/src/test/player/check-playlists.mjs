// Strict RFC 8216 check of HLS playlists (test helper, called by ManifestConformance).
// Usage: node check-playlists.mjs FILE...
// Prints one JSON line per file: {"file": ..., "error": null | "message"}; exits 0 once every file was read
// (a non-conformant playlist is a finding, not a failure of the script), 2 on a usage error.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const HLS = require('hls-parser');
HLS.setOptions({ strictMode: true, silent: true });

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check-playlists.mjs FILE...');
  process.exit(2);
}
for (const file of files) {
  let error = null;
  try {
    HLS.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    error = String(e && e.message ? e.message : e);
  }
  console.log(JSON.stringify({ file, error }));
}
