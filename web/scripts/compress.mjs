// Writes .gz and .br siblings of every compressible asset under the given folder (default dist/),
// so the server can send precompressed bodies. Uses only node's zlib.
import { readdir, readFile, writeFile, stat } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const root = process.argv[2] ?? 'dist';
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.txt', '.map', '.ico', '.xml']);

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

let files = 0;
let before = 0;
let afterBr = 0;
for await (const path of walk(root)) {
  if (!compressible.has(extname(path))) continue;
  const body = await readFile(path);
  const gz = gzipSync(body, { level: 9 });
  const br = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  await writeFile(`${path}.gz`, gz);
  await writeFile(`${path}.br`, br);
  files += 1;
  before += (await stat(path)).size;
  afterBr += br.length;
}
console.log(`compress: ${files} files, ${before} bytes -> ${afterBr} bytes brotli (+ .gz)`);
