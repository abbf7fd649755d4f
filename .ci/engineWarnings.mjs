// Reads `npm ci` output on stdin and fails on an EBADENGINE warning for a package that the
// README's "Install warnings" table does not list (with the reason its warning is harmless).
import console from 'node:console';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = readme.split(/^### Install warnings$/m)[1]?.split(/^#/m)[0] ?? '';
const allowed = new Set([...section.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]));

const npmOutput = readFileSync(0, 'utf8');
const warned = new Set([...npmOutput.matchAll(/EBADENGINE\s+package: '(.+?)@[^@']+'/g)].map((match) => match[1]));
const unexplained = [...warned].filter((name) => !allowed.has(name));

if (unexplained.length > 0) {
  console.error(`npm warned that these packages do not support this Node.js (EBADENGINE): ${unexplained.join(', ')}`);
  console.error('Pick versions that support it, or explain the warning in the README ("Install warnings").');
  process.exit(1);
}
console.log(`engine warnings: ${warned.size === 0 ? 'none' : `only the ones the README explains (${[...warned].join(', ')})`}`);
