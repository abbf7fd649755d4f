// Every REST route, every path parameter, header and body field, malformed in every way the suite
// generates (malformedValues.ts), and the body malformed as a whole, sent as the route's owner:
// no answer is a 5xx, no request goes unanswered, and every refusal names the field at fault.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAbuseCounts } from '../support/abuseCounts.js';
import { inBatches, sendRaw } from './abuseClient.js';
import { startAbuseStack, type AbuseStack } from './abuseStack.js';
import { judgeRestBodyAnswer, judgeRestFieldAnswer, Tally, unanswered } from './answerVerdicts.js';
import { restRouteCases, type InputCase, type OpenApiPaths } from './restInputCases.js';

let stack: AbuseStack;
const tally = new Tally();
let routesCovered: string[] = [];
let stillAnswering: string;

function judge(inputCase: InputCase, answer: Awaited<ReturnType<typeof sendRaw>>) {
  if (!answer.answered) return unanswered(answer.error);
  return inputCase.wholeBodyCodes === undefined
    ? judgeRestFieldAnswer(inputCase.field, answer.status, answer.body, inputCase.mustBeRefused)
    : judgeRestBodyAnswer(inputCase.wholeBodyCodes, answer.status, answer.body);
}

beforeAll(async () => {
  stack = await startAbuseStack();
  const { origin } = stack.router;
  const document = (await (await fetch(`${origin}/openapi.json`)).json()) as OpenApiPaths;
  const routes = restRouteCases(document);
  routesCovered = routes.map((route) => route.route);
  // An account per route, so that a route which acts on the account itself (DELETE /user/{id}) and
  // accepts a malformed request (a bug the suite would list) leaves the other routes' owner signed in.
  const owners = await inBatches(routes, 3, () => stack.router.register());
  const cases = routes.flatMap((route, i) =>
    route.cases({ userId: owners[i]!.userId, password: owners[i]!.password }).map((inputCase) => ({ inputCase, token: owners[i]!.token })),
  );
  await inBatches(cases, 6, async ({ inputCase, token }) => {
    tally.add(inputCase.name, judge(inputCase, await sendRaw(origin, { ...inputCase.request, token })));
  });
  const after = await stack.router.graphql('{ me { username incomes(limit: 1) { id } } }', {}, owners[0]!.token);
  stillAnswering = after.errors === undefined ? 'answering' : JSON.stringify(after.errors);
  recordAbuseCounts('malformed-rest-inputs', {
    ...tally.counts(),
    crashes: tally.count('crash') + (stillAnswering === 'answering' ? 0 : 1),
  });
  if (tally.report() !== '') console.log(`Malformed REST inputs answered wrongly:\n${tally.report()}`);
});

afterAll(async () => {
  await stack?.stop();
});

describe('malformed REST input', () => {
  it('is generated for every route of /openapi.json, hundreds of inputs in all', () => {
    expect(routesCovered).toEqual(expect.arrayContaining(['POST /user/register', 'POST /income', 'GET /savings/{userId}']));
    expect(tally.inputsTried).toBeGreaterThan(500);
  });

  it('is never answered with a 5xx', () => {
    expect(tally.offenders.get('answer of 5xx') ?? []).toEqual([]);
  });

  it('is always answered, and the stack answers a normal query afterwards', () => {
    expect(tally.offenders.get('crash') ?? []).toEqual([]);
    expect(stillAnswering).toBe('answering');
  });

  it('is refused naming the field at fault, or the body for a malformed body; a control character in text is never accepted', () => {
    expect(tally.offenders.get('wrong refusal') ?? []).toEqual([]);
  });
});
