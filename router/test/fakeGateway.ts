// A unit-tier stand-in for the gateway behind the REST routes: it answers each GraphQL operation
// by its name and records every call, so a route's mapping can be tested without Apollo.
import { getOperationAST, type DocumentNode } from 'graphql';
import type { RunOperation } from '../src/rest/gatewayOperation.js';

export interface OperationCall {
  operationName: string;
  variables: Record<string, unknown>;
}

export function fakeGateway(answer: (call: OperationCall) => unknown): { run: RunOperation; calls: OperationCall[] } {
  const calls: OperationCall[] = [];
  const run = async (document: DocumentNode, variables: Record<string, unknown>): Promise<unknown> => {
    const call = { operationName: getOperationAST(document)?.name?.value ?? '(anonymous)', variables };
    calls.push(call);
    return answer(call);
  };
  return { run: run as RunOperation, calls };
}
