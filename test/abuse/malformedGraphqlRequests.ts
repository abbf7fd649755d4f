// POSTs to /graphql malformed as a whole: not JSON, not an object, no query, variables of the wrong
// type, the wrong content type, past the body limit. Each must be refused with a 4xx.
import type { RawRequest } from './abuseClient.js';
import { PAST_BODY_LIMIT } from './malformedValues.js';

const JSON_CONTENT = { 'content-type': 'application/json' };
const ME = '{ me { username } }';

const post = (body: string | Uint8Array | undefined, headers: Record<string, string> = JSON_CONTENT): Omit<RawRequest, 'token'> => ({
  method: 'POST',
  path: '/graphql',
  headers,
  ...(body === undefined ? {} : { body }),
});

export function malformedGraphqlRequests(): { label: string; request: Omit<RawRequest, 'token'> }[] {
  const query = JSON.stringify(ME);
  return [
    { label: 'not JSON', request: post('{"query": ') },
    { label: 'JSON null', request: post('null') },
    { label: 'a JSON array of nothing', request: post('[]') },
    { label: 'a JSON string', request: post('"{ me { username } }"') },
    { label: 'a JSON number', request: post('42') },
    { label: 'an empty object', request: post('{}') },
    { label: 'a query that is a number', request: post('{"query": 42}') },
    { label: 'a query that is null', request: post('{"query": null}') },
    { label: 'an empty query', request: post('{"query": ""}') },
    { label: 'a query with a syntax error', request: post('{"query": "{ me { "}') },
    { label: 'a query with a NUL byte', request: post(JSON.stringify({ query: '{ me\u0000 { username } }' })) },
    { label: 'a query of a lone surrogate', request: post(JSON.stringify({ query: '\ud800' })) },
    { label: 'variables that are a string', request: post(`{"query": ${query}, "variables": "abc"}`) },
    { label: 'variables that are an array', request: post(`{"query": ${query}, "variables": [1]}`) },
    {
      label: 'variables nested 20,000 deep',
      request: post(`{"query": ${query}, "variables": {"a": ${'['.repeat(20_000)}${']'.repeat(20_000)}}}`),
    },
    { label: 'an operationName that is a number', request: post(`{"query": ${query}, "operationName": 7}`) },
    { label: 'an operationName of no operation', request: post(`{"query": ${query}, "operationName": "Nothing"}`) },
    { label: 'extensions that are a string', request: post(`{"query": ${query}, "extensions": "x"}`) },
    {
      label: 'a persisted query hash that is not a hash',
      request: post('{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "\\u0000"}}}'),
    },
    { label: 'empty, sent as JSON', request: post('') },
    { label: 'no body and no content type', request: post(undefined, {}) },
    { label: 'sent as text/plain', request: post(`{"query": ${query}}`, { 'content-type': 'text/plain' }) },
    { label: 'sent as a form', request: post('query=x', { 'content-type': 'application/x-www-form-urlencoded' }) },
    { label: 'in Latin-1', request: post(`{"query": ${query}}`, { 'content-type': 'application/json; charset=latin1' }) },
    { label: 'bytes that are not UTF-8', request: post(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])) },
    {
      label: 'past the 1 MB body limit',
      request: post(JSON.stringify({ query: ME, variables: { padding: 'a'.repeat(PAST_BODY_LIMIT) } })),
    },
  ];
}
