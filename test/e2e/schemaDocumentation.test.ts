// SPA developers read the schema in their editors: every type, field and argument they can
// reach through the router says what it is.
import {
  buildClientSchema,
  getIntrospectionQuery,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type IntrospectionQuery,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { routerQuery } from '../support/router.js';

describe('the public schema', () => {
  it('documents every type, field and argument', async () => {
    const response = await routerQuery<IntrospectionQuery>(getIntrospectionQuery());
    expect(response.errors).toBeUndefined();
    const schema = buildClientSchema(response.data!);
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      const isRoot = ['Query', 'Mutation', 'Subscription'].includes(type.name);
      if (!type.description && !isRoot) undocumented.push(type.name);
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (!field.description) undocumented.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    expect(undocumented).toEqual([]);
    expect(Object.keys(schema.getMutationType()!.getFields())).toEqual(
      expect.arrayContaining(['register', 'login', 'addIncome', 'addExpense', 'createSavingsGoal', 'updateIncome', 'deleteSavingsGoal']),
    );
  });
});
