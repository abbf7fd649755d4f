// Malformed requests for every REST route, generated from the router's own /openapi.json: each
// path parameter, header parameter and body field malformed in turn (the rest of the request valid,
// so the field at fault is the only one), and the whole body malformed as a client could. A new
// route or field is covered the day it is documented.
import { randomBytes } from 'node:crypto';
import type { RawRequest } from './abuseClient.js';
import { describeInput, jsonWith } from './jsonText.js';
import { malformationsOf, malformedPathIds, maxLengthIn, PAST_BODY_LIMIT, type FieldShape } from './malformedValues.js';

/** The parts of an OpenAPI 3.1 document read here. */
interface JsonSchema {
  type?: string;
  $ref?: string;
  anyOf?: JsonSchema[];
  format?: string;
  enum?: unknown[];
  maximum?: number;
  maxLength?: number;
  description?: string;
  example?: unknown;
  properties?: Record<string, JsonSchema>;
}
interface Parameter {
  name: string;
  in: 'path' | 'header' | 'query';
  schema: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
}
export interface OpenApiPaths {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** One request of the suite, and what a right answer to it looks like. */
export interface InputCase {
  /** "POST /income amount: 1e400", for the list of offenders. */
  name: string;
  /** The field a refusal must name ("amount", "userId", "body"). */
  field: string;
  /** Whole-body malformations are refused with one of these codes; a field's with BAD_USER_INPUT naming it. */
  wholeBodyCodes?: string[];
  /** Accepting it is wrong too (a control character in text). */
  mustBeRefused?: boolean;
  request: Omit<RawRequest, 'token'>;
}

/** The account the requests are sent as, so ownership is never what refuses them. */
export interface RouteOwner {
  userId: string;
  password: string;
}

export interface RouteCases {
  route: string;
  /** Whether the route names a user by id, in its path or its body. */
  takesAUserId: boolean;
  /** A valid request of the route, naming `owner` wherever it names a user. */
  validRequest: (owner: RouteOwner) => Omit<RawRequest, 'token'>;
  cases: (owner: RouteOwner) => InputCase[];
}

const JSON_CONTENT = { 'content-type': 'application/json' };

/** Every route of the document with the cases made for it. */
export function restRouteCases(document: OpenApiPaths): RouteCases[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      route: `${method.toUpperCase()} ${path}`,
      takesAUserId: userIdFields(document, operation).length > 0,
      validRequest: (owner: RouteOwner) => validRequestOf(document, method.toUpperCase(), path, operation, owner),
      cases: (owner: RouteOwner) => casesOf(document, method.toUpperCase(), path, operation, owner),
    })),
  );
}

/** A route's valid path for `owner`, and a valid body made afresh at each call (a new username, email). */
function validPartsOf(document: OpenApiPaths, method: string, path: string, operation: Operation, owner: RouteOwner) {
  const route = `${method} ${path}`;
  const parameters = operation.parameters ?? [];
  const pathParameters = parameters.filter((parameter) => parameter.in === 'path');
  const validPath = pathWith(
    path,
    Object.fromEntries(pathParameters.map((parameter) => [parameter.name, pathBaseline(route, parameter, owner)])),
  );
  const properties = bodyPropertiesOf(document, operation);
  const validBody = () =>
    properties === undefined
      ? undefined
      : Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, bodyBaseline(route, name, schema, owner)]));
  return { route, parameters, pathParameters, validPath, properties, validBody };
}

function validRequestOf(
  document: OpenApiPaths,
  method: string,
  path: string,
  operation: Operation,
  owner: RouteOwner,
): Omit<RawRequest, 'token'> {
  const { validPath, validBody } = validPartsOf(document, method, path, operation, owner);
  const body = validBody();
  return body === undefined ? { method, path: validPath } : { method, path: validPath, headers: JSON_CONTENT, body: JSON.stringify(body) };
}

function casesOf(document: OpenApiPaths, method: string, path: string, operation: Operation, owner: RouteOwner): InputCase[] {
  const { route, parameters, pathParameters, validPath, properties, validBody } = validPartsOf(document, method, path, operation, owner);
  const send = (casePath: string, body: string | undefined, headers: Record<string, string> = {}) => ({
    method,
    path: casePath,
    headers: { ...(body === undefined ? {} : JSON_CONTENT), ...headers },
    ...(body === undefined ? {} : { body }),
  });
  const validBodyText = () => (properties === undefined ? undefined : JSON.stringify(validBody()));

  const pathCases = pathParameters.flatMap((parameter) =>
    malformedPathIds().map(({ label, segment }) => ({
      name: `${route} ${parameter.name}: ${label}`,
      field: parameter.name,
      request: send(pathWith(path, { [parameter.name]: segment }, validPath), validBodyText()),
    })),
  );
  const headerCases = parameters
    .filter((parameter) => parameter.in === 'header')
    .flatMap((parameter) =>
      malformedHeaderValues(parameter.schema).map(({ label, value }) => ({
        name: `${route} ${parameter.name} header: ${label}`,
        field: parameter.name,
        request: send(validPath, validBodyText(), { [parameter.name]: value }),
      })),
    );
  const fieldCases = Object.entries(properties ?? {}).flatMap(([name, schema]) =>
    malformationsOf({ ...shapeOf(resolved(document, schema)), secret: /password/i.test(name) }, validBody()?.[name]).map(
      (malformation) => ({
        name: `${route} ${name}: ${malformation.label} ${describeInput(malformation)}`,
        field: name,
        mustBeRefused: malformation.mustBeRefused === true,
        request: send(validPath, jsonWith(validBody()!, name, malformation)),
      }),
    ),
  );
  const bodyCases =
    properties === undefined
      ? []
      : wholeBodyMalformations(validBodyText()!).map(({ label, body, headers, codes }) => ({
          name: `${route} body: ${label}`,
          field: 'body',
          wholeBodyCodes: codes,
          request: { method, path: validPath, headers, ...(body === undefined ? {} : { body }) },
        }));
  return [...pathCases, ...headerCases, ...fieldCases, ...bodyCases];
}

function bodyPropertiesOf(document: OpenApiPaths, operation: Operation): Record<string, JsonSchema> | undefined {
  const schema = operation.requestBody?.content['application/json']?.schema;
  return schema === undefined ? undefined : (resolved(document, schema).properties ?? {});
}

/** The path parameters and body fields that are a user's id (every id of the REST contract is). */
function userIdFields(document: OpenApiPaths, operation: Operation): string[] {
  const inPath = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
  const inBody = Object.keys(bodyPropertiesOf(document, operation) ?? {}).filter((name) => name === 'userId' || name === 'id');
  return [...inPath, ...inBody];
}

function pathWith(path: string, values: Record<string, string>, fallback?: string): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
  if (fallback === undefined || !filled.includes('{')) return filled;
  // Any other parameter keeps its valid value from the fallback path, segment by segment.
  const fallbackSegments = fallback.split('/');
  return filled
    .split('/')
    .map((segment, i) => (segment.startsWith('{') ? fallbackSegments[i]! : segment))
    .join('/');
}

function resolved(document: OpenApiPaths, schema: JsonSchema): JsonSchema {
  if (schema.$ref === undefined) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = document.components?.schemas?.[name];
  if (target === undefined) throw new Error(`unresolved ${schema.$ref}`);
  return target;
}

function shapeOf(schema: JsonSchema): FieldShape {
  if (schema.anyOf?.some((option) => option.format === 'date' || option.format === 'date-time')) return { kind: 'date' };
  if (schema.format === 'date' || schema.format === 'date-time') return { kind: 'date' };
  if (schema.enum !== undefined) return { kind: 'enum' };
  const maxLength = schema.maxLength ?? maxLengthIn(schema.description);
  if (schema.type === 'integer') return { kind: 'integer', ...(schema.maximum === undefined ? {} : { maximum: schema.maximum }) };
  if (schema.type === 'number') return { kind: 'number' };
  if (schema.type === 'boolean') return { kind: 'boolean' };
  if (schema.type === 'string') return { kind: 'text', ...(maxLength === undefined ? {} : { maxLength }) };
  throw new Error(`no malformed values known for a field of schema ${JSON.stringify(schema)}: add its kind to shapeOf`);
}

/** A valid value for a path parameter: every id in a REST path today is a user's, the caller's own. */
function pathBaseline(route: string, parameter: Parameter, owner: RouteOwner): string {
  if (parameter.name === 'id' || parameter.name === 'userId') return owner.userId;
  throw new Error(`no valid value known for path parameter ${parameter.name} of ${route}: add one to pathBaseline`);
}

/**
 * A valid value for a body field, so that only the malformed field is at fault: the caller's own id
 * and password, a new password, username and email no account has, else the document's example.
 */
function bodyBaseline(route: string, name: string, schema: JsonSchema, owner: RouteOwner): unknown {
  const unique = randomBytes(5).toString('hex');
  if (name === 'userId' || name === 'id') return Number(owner.userId);
  if (name === 'username') return `abuse_${unique}`;
  if (name === 'email') return `abuse_${unique}@example.test`;
  // A new password is one of its own; any other (the current one, the one to delete with) is the owner's.
  if (/^new/i.test(name) && /password/i.test(name)) return `new password ${unique}`;
  if (/password/i.test(name)) return owner.password;
  if (schema.example !== undefined) return schema.example;
  throw new Error(`no valid value known for body field ${name} of ${route}: give it an example in its schema`);
}

function malformedHeaderValues(schema: JsonSchema): { label: string; value: string }[] {
  const maxLength = schema.maxLength ?? 255;
  return [
    { label: 'empty', value: '' },
    { label: `${maxLength + 1} characters`, value: 'k'.repeat(maxLength + 1) },
    { label: 'Latin-1 bytes', value: 'cl\u00e9-\u00ff' },
    { label: 'a tab inside', value: 'key\twith-tab' },
    { label: '8,000 characters', value: 'k'.repeat(8_000) },
  ];
}

/** The body as a whole malformed, and the codes a right refusal of each has. */
function wholeBodyMalformations(
  validBody: string,
): { label: string; body?: string | Uint8Array; headers: Record<string, string>; codes: string[] }[] {
  const nested = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
  return [
    { label: 'not JSON', body: '{"amount": ', headers: JSON_CONTENT, codes: ['MALFORMED_JSON'] },
    { label: 'JSON null', body: 'null', headers: JSON_CONTENT, codes: ['BAD_USER_INPUT'] },
    { label: 'a JSON array', body: `[${validBody}]`, headers: JSON_CONTENT, codes: ['BAD_USER_INPUT'] },
    { label: 'a JSON string', body: '"text"', headers: JSON_CONTENT, codes: ['BAD_USER_INPUT'] },
    { label: 'a JSON number', body: '42', headers: JSON_CONTENT, codes: ['BAD_USER_INPUT'] },
    { label: 'an empty object', body: '{}', headers: JSON_CONTENT, codes: ['BAD_USER_INPUT'] },
    { label: 'a __proto__ key only', body: `{"__proto__": ${validBody}}`, headers: JSON_CONTENT, codes: ['BAD_USER_INPUT'] },
    { label: '20,000 nested arrays', body: nested, headers: JSON_CONTENT, codes: ['BAD_USER_INPUT', 'MALFORMED_JSON'] },
    { label: 'empty, sent as JSON', body: '', headers: JSON_CONTENT, codes: ['BAD_USER_INPUT', 'MALFORMED_JSON'] },
    { label: 'no body and no content type', headers: {}, codes: ['UNSUPPORTED_MEDIA_TYPE', 'BAD_USER_INPUT'] },
    { label: 'sent as text/plain', body: validBody, headers: { 'content-type': 'text/plain' }, codes: ['UNSUPPORTED_MEDIA_TYPE'] },
    {
      label: 'sent as a form',
      body: 'amount=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      codes: ['UNSUPPORTED_MEDIA_TYPE'],
    },
    {
      label: 'in Latin-1',
      body: validBody,
      headers: { 'content-type': 'application/json; charset=latin1' },
      codes: ['UNSUPPORTED_MEDIA_TYPE'],
    },
    {
      label: 'bytes that are not UTF-8',
      body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
      headers: JSON_CONTENT,
      codes: ['MALFORMED_JSON', 'BAD_USER_INPUT'],
    },
    // Read past or refused, either is right; the object is empty, so no route acts on it either way.
    { label: 'a byte-order mark first', body: '\ufeff{}', headers: JSON_CONTENT, codes: ['MALFORMED_JSON', 'BAD_USER_INPUT'] },
    {
      label: 'past the 1 MB body limit',
      body: JSON.stringify({ padding: 'a'.repeat(PAST_BODY_LIMIT) }),
      headers: JSON_CONTENT,
      codes: ['PAYLOAD_TOO_LARGE'],
    },
  ];
}
