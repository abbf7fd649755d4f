// The operation_name label's rule: a client may name operations as it likes, so the label's values
// stay few whatever it sends.
import { describe, expect, it } from 'vitest';
import { boundedOperationNames, OPERATION_NAME_LIMIT } from '../src/metrics/boundedOperationNames.js';

describe('boundedOperationNames', () => {
  it('labels an operation without a name "anonymous"', () => {
    const labelOf = boundedOperationNames();
    expect([labelOf(null), labelOf(undefined), labelOf('')]).toEqual(['anonymous', 'anonymous', 'anonymous']);
  });

  it('keeps the first names it sees, then counts every new one as "other" while the known ones keep their label', () => {
    const labelOf = boundedOperationNames(3);
    expect(['Dashboard', 'Login', 'Summary', 'Fourth', 'Fifth'].map(labelOf)).toEqual(['Dashboard', 'Login', 'Summary', 'other', 'other']);
    expect(labelOf('Login')).toBe('Login');
    expect(labelOf('Fourth')).toBe('other');
  });

  it('keeps 100 distinct names by default', () => {
    const labelOf = boundedOperationNames();
    const names = Array.from({ length: OPERATION_NAME_LIMIT + 5 }, (_, i) => `Operation${i}`);
    const labels = names.map(labelOf);
    expect(OPERATION_NAME_LIMIT).toBe(100);
    expect(new Set(labels).size).toBe(101);
    expect(labels.slice(OPERATION_NAME_LIMIT)).toEqual(Array(5).fill('other'));
  });

  it('counts a name that is not a GraphQL name as "other", without spending a place on it', () => {
    const labelOf = boundedOperationNames(1);
    const invalid = ['user/42', '1stQuery', 'has space', 'quote"d', 'line\nbreak', 'ünïcode', `Long${'x'.repeat(200)}`];
    expect(invalid.map(labelOf)).toEqual(invalid.map(() => 'other'));
    expect(labelOf('StillRoomForMe')).toBe('StillRoomForMe');
  });

  it('counts apart for each service: one process seeing many names never fills the places of another', () => {
    const router = boundedOperationNames(1);
    const subgraph = boundedOperationNames(1);
    router('First');
    expect(subgraph('Second')).toBe('Second');
  });
});
