import { expect, it } from 'vitest';
import { headingAnchors } from '../support/markdownAnchors.js';

it('gives headings the anchors GitHub gives them, and ignores lines in code blocks', () => {
  const markdown = [
    '## Dashboards and alerts',
    '#### Runbook: subgraph errors',
    '```bash',
    '# register',
    '```',
    '### `REDIS_URL` set',
    '## Dashboards and alerts',
  ].join('\n');
  expect(headingAnchors(markdown)).toEqual(
    new Set(['dashboards-and-alerts', 'runbook-subgraph-errors', 'redis_url-set', 'dashboards-and-alerts-1']),
  );
});
