// Checks a REST response against the router's own OpenAPI document: the route and status must be
// documented and the body must match the documented schema (JSON Schema 2020-12, as OAS 3.1 says).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

export interface ObservedResponse {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
  components: { schemas: Record<string, unknown> };
}

export interface Contract {
  document: OpenApiDocument;
  /** What is wrong with a response, or [] when the document describes it exactly. */
  problemsWith(response: ObservedResponse): string[];
}

const DOCUMENT_ID = 'https://ledgerline.test/openapi.json';
const pointer = (...parts: string[]) => parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

export function contractFrom(document: OpenApiDocument): Contract {
  // strict: false, because the document's other keywords (openapi, paths, example ...) are not JSON Schema.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  formats.default(ajv);
  ajv.addSchema(document, DOCUMENT_ID);
  const validators = new Map<string, ValidateFunction>();
  const validatorAt = (location: string): ValidateFunction => {
    let validate = validators.get(location);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}#/${location}` });
      validators.set(location, validate);
    }
    return validate;
  };
  // Literal paths before templated ones, so /user/register is not read as /user/{id}.
  const templates = Object.keys(document.paths)
    .sort((a, b) => a.split('{').length - b.split('{').length)
    .map((template) => ({ template, pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));

  return {
    document,
    problemsWith(response) {
      const where = `${response.method} ${response.path} → ${response.status}`;
      if (!response.contentType?.startsWith('application/json')) return [`${where}: content-type ${response.contentType}, not JSON`];
      const path = response.path.split('?')[0]!;
      const template = templates.find(({ pattern }) => pattern.test(path))?.template;
      const method = response.method.toLowerCase();
      const operation = template === undefined ? undefined : document.paths[template]?.[method];
      let location: string;
      if (operation === undefined) {
        // No route answered: only the generic error model may describe it.
        if (response.status !== 404 && response.status !== 405) return [`${where}: no documented operation`];
        location = pointer('components', 'schemas', 'Error');
      } else {
        const documented = operation.responses[String(response.status)] ?? operation.responses['default'];
        if (documented?.content?.['application/json'] === undefined) return [`${where}: status not documented`];
        const status = operation.responses[String(response.status)] ? String(response.status) : 'default';
        location = pointer('paths', template!, method, 'responses', status, 'content', 'application/json', 'schema');
      }
      const validate = validatorAt(location);
      if (validate(response.body)) return [];
      return (validate.errors ?? []).map((error) => `${where}: body${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);
    },
  };
}
