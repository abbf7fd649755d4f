// The OpenAPI document the REST routes are described by, built from the same definitions that
// serve them. (That every REST response matches it is checked on every e2e REST request.)
import { describe, expect, it } from 'vitest';
import { contractFrom, type OpenApiDocument } from '../../test/support/openapiContract.js';
import { openApiDocument } from '../src/rest/openapiDocument.js';
import { restRoutes } from '../src/rest/restApi.js';

const document = openApiDocument(restRoutes) as unknown as OpenApiDocument & Record<string, unknown>;

interface DocumentedOperation {
  operationId: string;
  tags: string[];
  description?: string;
  security: unknown[];
  parameters?: unknown[];
  responses: Record<string, { content: { 'application/json': { schema: { $ref?: string } } } }>;
}

const operation = (method: string, path: string) => document.paths[path]![method] as unknown as DocumentedOperation;
const schemas = document.components.schemas as Record<
  string,
  { required?: string[]; properties?: Record<string, Record<string, unknown>> }
>;

const ORIGINAL_DESIGN = [
  ['post', '/user/register', false],
  ['post', '/user/login', false],
  ['get', '/user/{id}', true],
  ['post', '/income', true],
  ['get', '/income/{userId}', true],
  ['post', '/expense', true],
  ['get', '/expense/{userId}', true],
  ['post', '/savings', true],
  ['get', '/savings/{userId}', true],
] as const;
/** Added since: deleting one's own account (the internal-gRPC issue), changing one's profile, logging out and changing one's password. */
const ROUTES = [
  ...ORIGINAL_DESIGN,
  ['delete', '/user/{id}', true],
  ['put', '/user/{id}', true],
  ['post', '/user/logout', true],
  ['put', '/user/{id}/password', true],
] as const;
/** Routes that read neither a body nor a path parameter, so nothing in the request can be malformed. */
const NOTHING_TO_MALFORM = new Set(['post /user/logout']);

const FINANCE = [
  {
    path: '/income',
    add: 'addIncome',
    list: 'listIncomes',
    added: 'IncomeAdded',
    idKey: 'incomeId',
    message: 'Income added successfully',
    listKey: 'incomes',
    item: 'Income',
    list_: 'IncomeList',
    order: 'newest first',
  },
  {
    path: '/expense',
    add: 'addExpense',
    list: 'listExpenses',
    added: 'ExpenseAdded',
    idKey: 'expenseId',
    message: 'Expense added successfully',
    listKey: 'expenses',
    item: 'Expense',
    list_: 'ExpenseList',
    order: 'newest first',
  },
  {
    path: '/savings',
    add: 'setSavingsGoal',
    list: 'listSavingsGoals',
    added: 'SavingsGoalSet',
    idKey: 'savingsId',
    message: 'Savings goal set successfully',
    listKey: 'savingsGoals',
    item: 'SavingsGoal',
    list_: 'SavingsGoalList',
    order: 'soonest target date first',
  },
];

describe('the OpenAPI document', () => {
  it('documents exactly the routes of the original design and those added since, with bearer auth on all but register and login', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(ROUTES.map(([method, path]) => `${method} ${path}`).sort());
    for (const [method, path, needsToken] of ROUTES) {
      expect(operation(method, path).security, `${method} ${path}`).toEqual(needsToken ? [{ bearerAuth: [] }] : []);
      const always = NOTHING_TO_MALFORM.has(`${method} ${path}`) ? ['401', '500'] : ['400', '401', '500'];
      expect(Object.keys(operation(method, path).responses)).toEqual(expect.arrayContaining(always));
    }
    expect(document).toMatchObject({
      openapi: '3.1.0',
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    });
  });

  it('documents request bodies with their required fields and types', () => {
    expect(schemas['IncomeRequest']!.required).toEqual(['userId', 'amount', 'source', 'date']);
    expect(schemas['IncomeRequest']!.properties!['userId']!['type']).toBe('integer');
    expect(schemas['IncomeRequest']!.properties!['amount']!['type']).toBe('number');
    expect(schemas['ExpenseRequest']!.required).toEqual(['userId', 'amount', 'category', 'date']);
    expect(schemas['SavingsGoalRequest']!.required).toEqual(['userId', 'goal', 'targetDate']);
    expect(schemas['RegisterRequest']!.required).toEqual(['username', 'email', 'password']);
    expect(schemas['DeleteAccountRequest']!.required).toEqual(['password']);
    expect(schemas['UpdateProfileRequest']!.required).toEqual(['username', 'email']);
    expect(schemas['UpdateProfileRequest']!.properties!['email']).toEqual(schemas['RegisterRequest']!.properties!['email']);
  });

  it('documents PUT /user/{id}: the same profile GET answers, 403 for another id and 409 for a taken username or email', () => {
    const update = operation('put', '/user/{id}');
    expect(update.operationId).toBe('updateUserProfile');
    expect(update.tags).toEqual(['User']);
    expect(update.responses['200']!.content['application/json'].schema.$ref).toBe('#/components/schemas/UserProfile');
    expect(operation('get', '/user/{id}').responses['200']!.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/UserProfile',
    );
    expect(Object.keys(update.responses).sort()).toEqual(['200', '400', '401', '403', '409', '413', '415', '500', '503', '504']);
    expect(JSON.stringify(update.responses['409'])).toContain('EMAIL_TAKEN');
    expect(JSON.stringify(update.responses['409'])).toContain('USERNAME_TAKEN');
  });

  it.each(FINANCE)('documents $path: adding answers 201 with its message and id, listing 200 under $listKey', (resource) => {
    const add = operation('post', resource.path);
    const list = operation('get', `${resource.path}/{userId}`);
    expect([add.operationId, list.operationId]).toEqual([resource.add, resource.list]);
    expect([add.tags, list.tags]).toEqual([['Finance'], ['Finance']]);
    expect(list.description).toBe(`Your own records only, ${resource.order}.`);
    expect(add.responses['201']!.content['application/json'].schema.$ref).toBe(`#/components/schemas/${resource.added}`);
    expect(schemas[resource.added]).toMatchObject({
      required: ['message', resource.idKey],
      properties: { message: { type: 'string', enum: [resource.message] }, [resource.idKey]: { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    });
    expect(list.responses['200']!.content['application/json'].schema.$ref).toBe(`#/components/schemas/${resource.list_}`);
    expect(schemas[resource.list_]).toMatchObject({
      required: [resource.listKey],
      properties: { [resource.listKey]: { type: 'array', items: { $ref: `#/components/schemas/${resource.item}` } } },
    });
    expect(schemas[resource.item]!.required).toContain(resource.idKey);
    expect(Object.keys(add.responses).sort()).toEqual(['201', '400', '401', '403', '413', '415', '422', '500', '503', '504']);
    expect(Object.keys(list.responses).sort()).toEqual(['200', '400', '401', '403', '404', '500', '503', '504']);
    expect(add.parameters).toEqual([
      expect.objectContaining({
        in: 'header',
        name: 'Idempotency-Key',
        required: false,
        schema: expect.objectContaining({ maxLength: 255 }),
      }),
    ]);
    expect(JSON.stringify(add.responses['422'])).toContain('IDEMPOTENCY_KEY_REUSED');
  });

  it('documents that login is throttled: 429 TOO_MANY_REQUESTS and 503 SERVICE_BUSY, each with a Retry-After header', () => {
    const login = operation('post', '/user/login') as unknown as { responses: Record<string, { description: string; headers?: unknown }> };
    expect(login.responses['429']?.description).toContain('TOO_MANY_REQUESTS');
    expect(login.responses['503']?.description).toContain('SERVICE_BUSY');
    for (const status of ['429', '503']) expect(JSON.stringify(login.responses[status]?.headers)).toContain('Retry-After');
    expect(operation('post', '/user/register').responses['503']).toBeDefined();
    expect(JSON.stringify(operation('get', '/income/{userId}').responses)).not.toContain('Retry-After');
  });

  it('is strict enough that the contract check refuses responses that stray from it', () => {
    const contract = contractFrom(document);
    const observed = { method: 'GET', path: '/income/7', status: 200, contentType: 'application/json' };
    const good = { incomes: [{ incomeId: 1, amount: 12.5, source: 'Salary', date: '2026-11-01' }] };
    expect(contract.problemsWith({ ...observed, body: good })).toEqual([]);
    const strays = [
      { incomes: [{ ...good.incomes[0], amount: '12.50' }] },
      { incomes: [{ ...good.incomes[0], incomeId: '1' }] },
      { incomes: [{ ...good.incomes[0], date: '01/11/2026' }] },
      { incomes: [{ ...good.incomes[0], userId: 7 }] },
      { income: good.incomes },
    ];
    for (const body of strays) expect(contract.problemsWith({ ...observed, body }), JSON.stringify(body)).not.toEqual([]);
    expect(contract.problemsWith({ ...observed, status: 409, body: { error: { code: 'EMAIL_TAKEN', message: 'x' } } })).not.toEqual([]);
    expect(
      contract.problemsWith({ ...observed, status: 403, body: { error: { code: 'NOT_FOUND', message: 'wrong code for 403' } } }),
    ).not.toEqual([]);
    expect(
      contract.problemsWith({
        method: 'POST',
        path: '/savings',
        status: 201,
        contentType: 'application/json',
        body: { message: 'Savings goal set successfully', savingsId: 3 },
      }),
    ).toEqual([]);
  });
});
