// The SDK's operations against the schema the router serves, composed afresh from the
// subgraphs' SDL: a subgraph change that breaks an operation fails here (and in codegen).
import { readFileSync } from 'node:fs';
import { clientSchemaSdl } from '@ledgerline/router/client-schema';
import { buildSchema, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as sdk from '../src/index.js';

const clientSchema = clientSchemaSdl();
const schema = buildSchema(clientSchema);
const documents = Object.entries(sdk).filter((entry): entry is [string, DocumentNode] => entry[0].endsWith('Document'));

describe('web SDK operations', () => {
  it('include the core operations of an SPA', () => {
    expect(documents.map(([name]) => name).sort()).toEqual([
      'AddExpenseDocument',
      'AddIncomeDocument',
      'ChangePasswordDocument',
      'ContributeToGroupDocument',
      'CreateSavingsGoalDocument',
      'CreateSavingsGroupDocument',
      'DashboardDocument',
      'DeleteAccountDocument',
      'DeleteExpenseDocument',
      'DeleteIncomeDocument',
      'DeleteSavingsGoalDocument',
      'GroupSavingsProgressDocument',
      'JoinSavingsGroupDocument',
      'LeaveSavingsGroupDocument',
      'LoginDocument',
      'LogoutDocument',
      'MeDocument',
      'MySavingsGroupsDocument',
      'RegisterDocument',
      'RevokeInviteCodeDocument',
      'SavingsGroupDocument',
      'SignOutEverywhereDocument',
      'UpdateExpenseDocument',
      'UpdateIncomeDocument',
      'UpdateProfileDocument',
      'UpdateSavingsGoalDocument',
    ]);
  });

  it.each(documents)('%s validates against the composed client-facing schema', (_name, document) => {
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
  });

  it('are generated from an up-to-date schema file (run `npm run codegen` when this fails)', () => {
    const written = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(written.endsWith(clientSchema)).toBe(true);
  });

  it('see no federation internals in the client-facing schema', () => {
    expect(clientSchema).not.toMatch(/join__|link__|_entities|_service|@key/);
  });
});
