// Each check of k8s/ shown to fail on a deliberately broken copy of a rendered overlay (or of the
// files), naming what is wrong: none of them passes by checking nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { databasePlacementProblems, migrationJobProblems, serviceEnvironmentProblems } from './support/environmentChecks.js';
import { intendedFlows, SERVICE_FLOWS } from './support/intendedFlows.js';
import { findObject, type KubernetesObject } from './support/kubernetesObjects.js';
import { networkFlowProblems } from './support/networkFlowChecks.js';
import { gitignoreRules } from './support/ignoreFiles.js';
import { renderedOverlays, SECRETS_FILES, type Overlay } from './support/renderKustomization.js';
import { readRepositoryFile } from './support/repositoryFiles.js';
import { schemaProblems } from './support/schemaChecks.js';
import { exampleFileProblems, gitIgnoreProblems, renderedSecretProblems } from './support/secretChecks.js';
import { ingressProblems, serviceSelectionProblems } from './support/serviceChecks.js';
import {
  containerProblems,
  scalingProblems,
  scrapeAnnotationProblems,
  terminationProblems,
  topologySpreadProblems,
} from './support/workloadChecks.js';

let rendered: Record<Overlay, KubernetesObject[]>;

beforeAll(async () => {
  rendered = await renderedOverlays();
});

describe('each check, on a deliberately broken copy', () => {
  /** A copy of an overlay's render, changed by `mutate`. */
  const broken = (overlay: Overlay, mutate: (objects: KubernetesObject[]) => void): KubernetesObject[] => {
    const copy = structuredClone(rendered[overlay]);
    mutate(copy);
    return copy;
  };
  const object = (objects: KubernetesObject[], kind: string, name: string): any => findObject(objects, kind, name)!;
  const podSpec = (objects: KubernetesObject[], kind: string, name: string): any => object(objects, kind, name).spec.template.spec;
  const firstContainer = (objects: KubernetesObject[], kind: string, name: string): any => podSpec(objects, kind, name).containers[0];
  const setSecret = (objects: KubernetesObject[], name: string, key: string, value: string): void => {
    const secret = objects.find((candidate) => candidate.kind === 'Secret' && candidate.metadata.name.startsWith(`${name}-`))!;
    secret['data'][key] = Buffer.from(value).toString('base64');
  };

  it('the schema check refuses a port given as a string, a Deployment without a selector, and a kind it has no schema for', () => {
    const objects = broken('prod', (copy) => {
      firstContainer(copy, 'Deployment', 'router').ports[0].containerPort = '4000';
      delete object(copy, 'Deployment', 'user').spec.selector;
      copy.push({ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'router' } });
    });
    expect(schemaProblems(objects)).toEqual([
      'Deployment/router: /spec/template/spec/containers/0/ports/0/containerPort must be integer',
      'Deployment/user: /spec must have required property selector',
      'ServiceMonitor/router: no schema for monitoring.coreos.com/v1 ServiceMonitor',
    ]);
  });

  it('the container check refuses a missing probe, a probe on an undeclared port, a missing limit, root and a writable root filesystem', () => {
    const objects = broken('dev', (copy) => {
      delete firstContainer(copy, 'Deployment', 'user').readinessProbe;
      firstContainer(copy, 'Deployment', 'finance').livenessProbe.httpGet.port = 'health';
      delete firstContainer(copy, 'Job', 'user-migrate').resources.limits.memory;
      delete podSpec(copy, 'Job', 'finance-migrate').securityContext.runAsNonRoot;
      firstContainer(copy, 'StatefulSet', 'redis').securityContext.readOnlyRootFilesystem = false;
    });
    expect(containerProblems(objects)).toEqual([
      'Deployment/finance container finance: livenessProbe probes port health, which no container port declares',
      'Deployment/user container user: no readinessProbe',
      'StatefulSet/redis container redis: root filesystem is writable',
      'Job/finance-migrate container migrate: may run as root',
      'Job/user-migrate container migrate: no memory limits',
    ]);
  });

  it("the Service check refuses a selector that takes in the migration Job's pods, an undeclared target port and a selector of no pods", () => {
    const objects = broken('prod', (copy) => {
      delete object(copy, 'Service', 'user').spec.selector['app.kubernetes.io/component'];
      object(copy, 'Service', 'finance').spec.ports[1].targetPort = 'grpcs';
      object(copy, 'Service', 'router').spec.selector['app.kubernetes.io/name'] = 'gateway';
    });
    expect(serviceSelectionProblems(objects)).toEqual([
      'Service/finance: port grpc targets grpcs, which Deployment/finance does not declare',
      'Service/router: selects the pods of no Deployment or StatefulSet',
      'Service/user: selects the pods of Job/user-migrate',
    ]);
  });

  it('the environment check refuses a misspelt variable, a missing secret and a port the code listens on but the container does not declare', () => {
    const objects = broken('prod', (copy) => {
      const userConfig = copy.find((candidate) => candidate.kind === 'ConfigMap' && candidate.metadata.name.startsWith('user-config-'))!;
      userConfig['data']['USER_GRPC_PORTS'] = userConfig['data']['USER_GRPC_PORT'];
      const routerSecrets = copy.find((candidate) => candidate.kind === 'Secret' && candidate.metadata.name.startsWith('router-secrets-'))!;
      delete routerSecrets['data']['JWT_SECRET'];
      firstContainer(copy, 'Deployment', 'finance').ports.find((port: any) => port.name === 'metrics').containerPort = 9999;
    });
    const problems = serviceEnvironmentProblems(objects);
    expect(problems).toContainEqual(expect.stringMatching(/^Deployment\/router: .*JWT_SECRET/));
    expect(problems).toContain('Deployment/user: USER_GRPC_PORTS: not a variable the user service reads');
    expect(problems).toContain('Deployment/finance: listens on 9466 (metrics), but its container port metrics is 9999');
  });

  it('the scaling check refuses a Deployment without an autoscaler, or whose pods no disruption budget selects', () => {
    const objects = broken('prod', (copy) => {
      copy.splice(copy.indexOf(object(copy, 'HorizontalPodAutoscaler', 'finance')), 1);
      object(copy, 'PodDisruptionBudget', 'router').spec.selector.matchLabels['app.kubernetes.io/name'] = 'gateway';
    });
    expect(scalingProblems(objects)).toEqual([
      'Deployment/finance: no HorizontalPodAutoscaler targets it',
      'Deployment/router: no PodDisruptionBudget selects its pods',
    ]);
  });

  it('the termination check refuses a grace period shorter than the pause and the drain, and a container without a pause', () => {
    const objects = broken('prod', (copy) => {
      podSpec(copy, 'Deployment', 'router').terminationGracePeriodSeconds = 15;
      delete firstContainer(copy, 'Deployment', 'user').lifecycle;
    });
    expect(terminationProblems(objects)).toEqual([
      'Deployment/router container router: terminationGracePeriodSeconds 15 < 20 (preStop 5 s + forced exit + margin)',
      'Deployment/user container user: no preStop pause that these checks can read',
    ]);
  });

  it('the spread and scrape checks refuse a Deployment not spread across nodes and an annotation naming the wrong port', () => {
    const objects = broken('dev', (copy) => {
      delete podSpec(copy, 'Deployment', 'finance').topologySpreadConstraints;
      object(copy, 'Deployment', 'user').spec.template.metadata.annotations['prometheus.io/port'] = '4001';
    });
    expect(topologySpreadProblems(objects)).toEqual([
      'Deployment/finance: no topology spread across kubernetes.io/hostname that counts its own pods',
    ]);
    expect(scrapeAnnotationProblems(objects)).toEqual(['Deployment/user: prometheus.io/port is 4001, the metrics port 9465']);
  });

  it('the flow table fails on a policy widened by an empty rule, one open to every namespace, and one missing a flow', () => {
    const objects = broken('prod', (copy) => {
      object(copy, 'NetworkPolicy', 'user-from-router-and-finance').spec.ingress.push({});
      object(copy, 'NetworkPolicy', 'router-from-ingress').spec.ingress[0].from = [{ namespaceSelector: {} }];
      object(copy, 'NetworkPolicy', 'finance-from-router-and-user').spec.ingress.pop();
    });
    const problems = networkFlowProblems(objects, SERVICE_FLOWS);
    expect(problems).toContain('ingress-nginx -> user (4001): admitted, should be denied');
    expect(problems).toContain('default -> router (4000): admitted, should be denied');
    expect(problems).toContain('user -> finance grpc (50052): denied, should be admitted');
    expect(problems).not.toContainEqual(expect.stringMatching(/^ingress-nginx -> router http/));
  });

  it('the flow table fails on a database opened to another service', () => {
    const objects = broken('dev', (copy) => {
      object(copy, 'NetworkPolicy', 'user-db-from-user').spec.ingress[0].from[0].podSelector = {
        matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['user', 'finance'] }],
      };
    });
    expect(networkFlowProblems(objects, intendedFlows('dev'))).toEqual([
      'finance -> user-db (5432): admitted, should be denied',
      'finance-migrate -> user-db (5432): admitted, should be denied',
    ]);
  });

  it("the Ingress check refuses short timeouts, a missing WebSocket path, a path to the metrics port and the web app's assets routed elsewhere", () => {
    const objects = broken('prod', (copy) => {
      const ingress = object(copy, 'Ingress', 'router');
      ingress.metadata.annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'] = '60';
      const paths: any[] = ingress.spec.rules[0].http.paths;
      paths.splice(
        paths.findIndex((entry) => entry.path === '/ws/'),
        1,
      );
      paths.push({ path: '/metrics', pathType: 'Exact', backend: { service: { name: 'router', port: { name: 'metrics' } } } });
      // The web app's assets sent elsewhere: its page still reaches the router, and loads nothing.
      paths.push({ path: '/app/assets', pathType: 'Prefix', backend: { service: { name: 'user', port: { name: 'http' } } } });
    });
    expect(ingressProblems(objects)).toEqual([
      'Ingress/router: proxy-read-timeout is not at least 3600 s',
      'Ingress/router: /metrics reaches a metrics port',
      "Ingress/router: /ws/ does not reach the router's http port",
      "Ingress/router: a request for /app/assets/index-abc123.js does not reach the router's http port",
    ]);
  });

  it("the migration check refuses another service's image or name, a missing database URL, and a Job admitted to another database", () => {
    const objects = broken('dev', (copy) => {
      const userMigration = firstContainer(copy, 'Job', 'user-migrate');
      userMigration.image = firstContainer(copy, 'Deployment', 'finance').image;
      userMigration.args = ['prisma/dist/migrate.js', 'finance'];
      delete firstContainer(copy, 'Job', 'finance-migrate').env;
      object(copy, 'Job', 'finance-migrate').spec.template.metadata.labels['app.kubernetes.io/name'] = 'user';
    });
    expect(migrationJobProblems(objects)).toEqual([
      'Job/user-migrate: runs ledgerline/finance:dev, not the user image ledgerline/user:dev',
      'Job/user-migrate: runs ["prisma/dist/migrate.js","finance"], not [prisma/dist/migrate.js, user]',
      'Job/user-migrate: Cannot migrate: set DATABASE_URL or FINANCE_DATABASE_URL',
      'Job/finance-migrate: Cannot migrate: set DATABASE_URL or FINANCE_DATABASE_URL',
      'Job/finance-migrate: not admitted to StatefulSet/finance-db port 5432',
      'Job/finance-migrate: admitted to StatefulSet/user-db port 5432',
    ]);
  });

  it('the placement check refuses a dev store without its volume or StatefulSet, and a prod database inside the cluster', () => {
    const devObjects = broken('dev', (copy) => {
      delete object(copy, 'StatefulSet', 'user-db').spec.volumeClaimTemplates;
      copy.splice(copy.indexOf(object(copy, 'StatefulSet', 'redis')), 1);
    });
    expect(databasePlacementProblems(devObjects, 'in-cluster')).toEqual([
      'StatefulSet/user-db: no volumeClaimTemplates',
      'no StatefulSet redis',
    ]);
    const prodObjects = broken('prod', (copy) => {
      copy.push(structuredClone(object(rendered.dev, 'StatefulSet', 'finance-db')));
      setSecret(copy, 'user-secrets', 'USER_DATABASE_URL', 'postgresql://ledgerline:change-me@user-db:5432/ledgerline_user');
    });
    expect(databasePlacementProblems(prodObjects, 'managed')).toEqual([
      'StatefulSet/finance-db: a managed-database overlay runs a StatefulSet',
      'Deployment/user: USER_DATABASE_URL points at a host inside the cluster',
      'Job/user-migrate: USER_DATABASE_URL points at a host inside the cluster',
    ]);
  });

  it('the secret checks refuse a rendered value that is no placeholder, an example with a real value, and a secrets.env git would commit', () => {
    const objects = broken('prod', (copy) =>
      setSecret(copy, 'finance-secrets', 'SERVICE_SIGNING_SECRET', 'q7Vt2kR9xLmP4sWz8nB3cY6hJ1dF5gA0'),
    );
    expect(renderedSecretProblems(objects)).toEqual([
      expect.stringMatching(/^Secret\/finance-secrets-\w+: SERVICE_SIGNING_SECRET is not a placeholder$/),
    ]);
    expect(exampleFileProblems('# a comment\nJWT_SECRET=change-me-later\nREDIS_URL=redis://:hunter2hunter2@redis:6379\n', 'x.env')).toEqual(
      ['x.env: REDIS_URL is not a placeholder'],
    );

    const gitignore = readRepositoryFile('.gitignore').replace('k8s/overlays/*/secrets.env', '');
    expect(gitIgnoreProblems(gitignoreRules(gitignore), SECRETS_FILES)).toEqual(SECRETS_FILES.map((file) => `${file} is not git-ignored`));
  });
});
