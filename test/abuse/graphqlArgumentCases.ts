// Malformed variables for every argument of the router's API schema: each root field's (Query,
// Mutation, Subscription) and each nested field's reachable from Query (the `category` filter of
// `me { expenses }`), input object fields included, one at a time with the other arguments valid.
// A new argument is covered without editing the suite; one of a kind it cannot make a valid value
// for fails loudly with what to add.
import { randomBytes } from 'node:crypto';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { UserWithRecords } from './abuseStack.js';
import { describeInput, jsonWith } from './jsonText.js';
import { malformationsOf, maxLengthIn, type FieldShape } from './malformedValues.js';

export type OperationType = 'query' | 'mutation' | 'subscription';

export interface ArgumentCase {
  /** "Mutation.addIncome(amount): 1e400", for the list of offenders. */
  name: string;
  /** The argument a refusal must name, dotted into an input object ("input.amount"). */
  argument: string;
  /** Accepting it is wrong too (a control character in text). */
  mustBeRefused: boolean;
  operation: OperationType;
  query: string;
  /** The variables as JSON text: some malformed values have no other form. */
  variablesJson: string;
}

/** A field with arguments, where it is in the schema, and its cases made for a user's records. */
export interface FieldCases {
  /** "Mutation.addIncome", "User.expenses". */
  coordinate: string;
  operation: OperationType;
  cases(owner: UserWithRecords): ArgumentCase[];
}

/** How a field of a type is reached from Query: the selection around it, e.g. `me { … }`. */
export type Wrapper = (owner: UserWithRecords, inner: string) => string;

/** The way into a root field: none. */
const atRoot: Wrapper = (_, inner) => inner;

export function graphqlArgumentCases(schema: GraphQLSchema): FieldCases[] {
  const roots: [OperationType, GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  const rootFields = roots.flatMap(([operation, type]) =>
    type ? Object.values(type.getFields()).map((field) => ({ operation, type, field, wrap: atRoot })) : [],
  );
  const nestedFields = [...pathsFromQuery(schema)].flatMap(([type, wrap]) =>
    Object.values(type.getFields()).map((field) => ({ operation: 'query' as const, type, field, wrap })),
  );
  return [...rootFields, ...nestedFields]
    .filter(({ field }) => field.args.length > 0)
    .map(({ operation, type, field, wrap }) => ({
      coordinate: `${type.name}.${field.name}`,
      operation,
      cases: (owner: UserWithRecords) => casesOf(operation, type, field, wrap, owner),
    }));
}

/** Every object type reachable from Query (other than Query), with the shortest way there. */
function pathsFromQuery(schema: GraphQLSchema): Map<GraphQLObjectType, Wrapper> {
  const query = schema.getQueryType()!;
  const paths = new Map<GraphQLObjectType, Wrapper>();
  const queue: [GraphQLObjectType, Wrapper][] = [[query, (_, inner) => inner]];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const [type, wrap] = next;
    for (const field of Object.values(type.getFields())) {
      const target = getNamedType(field.type);
      if (!isObjectType(target) || target === query || paths.has(target)) continue;
      const coordinate = `${type.name}.${field.name}`;
      const fieldWrap: Wrapper = (owner, inner) => {
        const args = field.args
          .filter((arg) => isNonNullType(arg.type))
          .map((arg) => `${arg.name}: ${JSON.stringify(baselineOf(coordinate, arg.name, arg.type, owner))}`);
        return wrap(owner, `${field.name}${args.length > 0 ? `(${args.join(', ')})` : ''} { ${inner} }`);
      };
      paths.set(target, fieldWrap);
      queue.push([target, fieldWrap]);
    }
  }
  return paths;
}

/**
 * A valid request of `field` (reached through `wrap`) naming `owner`'s records: the query, with
 * every argument of the field a variable, and their values.
 */
export function validRequestOf(
  operation: OperationType,
  type: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  owner: UserWithRecords,
  wrap: Wrapper = atRoot,
): { query: string; variables: Record<string, unknown> } {
  const coordinate = `${type.name}.${field.name}`;
  const declarations = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const uses = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  const call = field.args.length > 0 ? `${field.name}(${uses})` : field.name;
  const signature = field.args.length > 0 ? `(${declarations})` : '';
  return {
    query: `${operation} Abuse${signature} { ${wrap(owner, `${call}${selection}`)} }`,
    variables: Object.fromEntries(field.args.map((arg) => [arg.name, baselineOf(coordinate, arg.name, arg.type, owner)])),
  };
}

function casesOf(
  operation: OperationType,
  type: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  wrap: Wrapper,
  owner: UserWithRecords,
): ArgumentCase[] {
  const coordinate = `${type.name}.${field.name}`;
  const { query, variables } = validRequestOf(operation, type, field, owner, wrap);
  // Valid values afresh for each case: a username or email one accepted case takes is no other's.
  const freshVariables = () => validRequestOf(operation, type, field, owner, wrap).variables;
  return field.args.flatMap((arg) =>
    inputPaths(arg).flatMap(({ path, shape }) =>
      malformationsOf(shape, valueAt(variables, path)).map((malformation) => ({
        name: `${coordinate}(${path}): ${malformation.label} ${describeInput(malformation)}`,
        argument: path,
        mustBeRefused: malformation.mustBeRefused === true,
        operation,
        query,
        variablesJson: jsonWith(freshVariables(), path, malformation),
      })),
    ),
  );
}

/** The value at a dotted path of the variables ("input.amount"). */
const valueAt = (variables: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((holder, key) => (holder as Record<string, unknown> | undefined)?.[key], variables);

/** Whether any argument of the field, or any field of an input object argument, is an ID. */
export function takesAnId(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.some((arg) => inputPaths(arg).some(({ shape }) => shape.kind === 'id'));
}

/** The argument itself, or each field of it when it is an input object (dotted paths), with its shape. */
function inputPaths(input: GraphQLArgument | GraphQLInputField, prefix = ''): { path: string; shape: FieldShape }[] {
  const path = `${prefix}${input.name}`;
  const named = getNamedType(input.type);
  if (isInputObjectType(named)) {
    return Object.values(named.getFields()).flatMap((field) => inputPaths(field, `${path}.`));
  }
  return [{ path, shape: { ...shapeOf(named.name, input.description, isEnumType(named)), secret: /password/i.test(input.name) } }];
}

const SCALAR_KINDS: Record<string, FieldShape['kind']> = {
  ID: 'id',
  Int: 'integer',
  Float: 'number',
  String: 'text',
  Boolean: 'boolean',
  Money: 'money',
  Date: 'date',
  DateTime: 'date',
};

function shapeOf(typeName: string, description: string | null | undefined, isEnum: boolean): FieldShape {
  if (isEnum) return { kind: 'enum' };
  const kind = SCALAR_KINDS[typeName];
  if (kind === undefined) throw new Error(`no malformed values known for the scalar ${typeName}: add it to SCALAR_KINDS`);
  const maxLength = maxLengthIn(description);
  if (kind === 'integer') return { kind, maximum: 2 ** 31 - 1 };
  return kind === 'text' && maxLength !== undefined ? { kind, maxLength } : { kind };
}

/** Which of the owner's records an ID argument names, by where it is: "Mutation.deleteIncome.id" is an income. */
const ID_KINDS: [RegExp, keyof UserWithRecords][] = [
  [/\.groupId$/, 'groupId'],
  [/Income/, 'incomeId'],
  [/Expense/, 'expenseId'],
  [/SavingsGoal/, 'savingsGoalId'],
  [/SavingsGroup|Group/, 'groupId'],
  [/^Query\.user\.id$/, 'userId'],
];

export function ownIdFor(coordinate: string, argument: string, owner: UserWithRecords): string {
  const where = `${coordinate}.${argument}`;
  const kind = ID_KINDS.find(([pattern]) => pattern.test(where))?.[1];
  if (kind === undefined) throw new Error(`no record kind known for the ID ${where}: add it to ID_KINDS`);
  return owner[kind];
}

/** A valid value for an argument, as its owner would send it, so that only the malformed one is at fault. */
function baselineOf(coordinate: string, argument: string, type: GraphQLInputType, owner: UserWithRecords): unknown {
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields()).map((field) => [field.name, baselineOf(coordinate, field.name, field.type, owner)]),
    );
  }
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (!isScalarType(named)) throw new Error(`no valid value known for ${coordinate}(${argument})`);
  const unique = randomBytes(5).toString('hex');
  const byType: Record<string, () => unknown> = {
    ID: () => ownIdFor(coordinate, argument, owner),
    Int: () => ({ limit: 10 })[argument] ?? 0,
    Float: () => 1.5,
    Boolean: () => true,
    Money: () => '12.50',
    // Later than any run of the suite: a group's deadline must not have passed.
    Date: () => '2099-11-25',
    DateTime: () => '2099-11-25T10:00:00.000Z',
    String: () => textBaseline(argument, unique, owner),
  };
  const make = byType[named.name];
  if (make === undefined)
    throw new Error(`no valid value known for ${coordinate}(${argument}) of type ${named.name}: add it to baselineOf`);
  return make();
}

function textBaseline(argument: string, unique: string, owner: UserWithRecords): string {
  if (argument === 'username') return `abuse_${unique}`;
  if (argument === 'email') return `abuse_${unique}@example.test`;
  if (argument === 'inviteCode') return owner.inviteCode;
  // A new password is one of its own; any other (the current one, the one to delete with) is the owner's.
  if (/^new/i.test(argument) && /password/i.test(argument)) return `new password ${unique}`;
  if (/password/i.test(argument)) return owner.password;
  return 'Groceries';
}
