// The connections the NetworkPolicies must admit, and those they must refuse: the issue's "only the
// router from the ingress; subgraphs only from the router and each other on gRPC; metrics only from
// monitoring; databases only from their owner" as a table the policy evaluator is held to.
import type { Overlay } from './renderKustomization.js';
import { EVERY_PORT, type Flow } from './networkFlowChecks.js';

const denied = (from: string, to: string, port = EVERY_PORT): Flow => ({ from, to, port, admitted: false });
const admitted = (from: string, to: string, port: string): Flow => ({ from, to, port, admitted: true });

/** Who may reach the router and the subgraphs: the "only the router from the ingress ..." as a table. */
export const SERVICE_FLOWS: readonly Flow[] = [
  admitted('ingress-nginx', 'router', 'http'),
  denied('ingress-nginx', 'router', 'metrics'),
  denied('ingress-nginx', 'user'),
  denied('ingress-nginx', 'finance'),
  ...['user', 'finance'].flatMap((subgraph) => [admitted('router', subgraph, 'http'), admitted('router', subgraph, 'grpc')]),
  admitted('user', 'finance', 'grpc'),
  denied('user', 'finance', 'http'),
  admitted('finance', 'user', 'grpc'),
  denied('finance', 'user', 'http'),
  ...['router', 'user', 'finance'].flatMap((service) => [
    denied('default', service),
    admitted('monitoring', service, 'metrics'),
    denied('monitoring', service, 'http'),
  ]),
  denied('monitoring', 'user', 'grpc'),
  // A migration's pods carry their service's name, not its role: they reach no other service.
  denied('user-migrate', 'finance'),
  denied('finance-migrate', 'user'),
];

/** The databases and Redis that dev runs in the cluster: each only from its owners. */
const IN_CLUSTER_STORE_FLOWS: readonly Flow[] = [
  admitted('user', 'user-db', 'postgres'),
  admitted('user-migrate', 'user-db', 'postgres'),
  denied('finance', 'user-db'),
  denied('finance-migrate', 'user-db'),
  admitted('finance', 'finance-db', 'postgres'),
  admitted('finance-migrate', 'finance-db', 'postgres'),
  denied('user', 'finance-db'),
  denied('user-migrate', 'finance-db'),
  denied('router', 'user-db'),
  denied('router', 'finance-db'),
  ...['user-db', 'finance-db', 'redis'].flatMap((store) => [
    denied('ingress-nginx', store),
    denied('monitoring', store),
    denied('default', store),
  ]),
  ...['router', 'user', 'finance'].map((service) => admitted(service, 'redis', 'redis')),
  denied('user-migrate', 'redis'),
];

export const intendedFlows = (overlay: Overlay): Flow[] =>
  overlay === 'dev' ? [...SERVICE_FLOWS, ...IN_CLUSTER_STORE_FLOWS] : [...SERVICE_FLOWS];
