// k8s/ rendered with kustomize, overlay by overlay, held up against the Kubernetes schemas, the
// services' own configuration code and what a reviewer checks. kubernetesBrokenCopies.test.ts shows
// each check failing on a deliberately broken copy.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { alertExpressions } from '../support/observabilityFiles.js';
import { databasePlacementProblems, migrationJobProblems, serviceEnvironmentProblems } from './support/environmentChecks.js';
import { intendedFlows } from './support/intendedFlows.js';
import {
  containerPortsOf,
  objectsOfKind,
  podAnnotationsOf,
  podLabelsOf,
  SERVING_KINDS,
  type KubernetesObject,
} from './support/kubernetesObjects.js';
import { networkFlowProblems } from './support/networkFlowChecks.js';
import { gitignoreRules } from './support/ignoreFiles.js';
import { K8S_DIRECTORY, OVERLAYS, renderedOverlays, SECRETS_FILES, type Overlay } from './support/renderKustomization.js';
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

/** What each overlay must hold, by kind and name, so that no check passes for want of objects to check. */
const SERVICES = ['finance', 'router', 'user'];
const INVENTORY: Record<Overlay, Record<string, string[]>> = {
  prod: {
    Deployment: SERVICES,
    Service: SERVICES,
    HorizontalPodAutoscaler: SERVICES,
    PodDisruptionBudget: SERVICES,
    Job: ['finance-migrate', 'user-migrate'],
    Ingress: ['router'],
  },
  dev: {
    Deployment: SERVICES,
    StatefulSet: ['finance-db', 'redis', 'user-db'],
    Service: [...SERVICES, 'finance-db', 'redis', 'user-db'].sort(),
    HorizontalPodAutoscaler: SERVICES,
    PodDisruptionBudget: SERVICES,
    Job: ['finance-migrate', 'user-migrate'],
    Ingress: ['router'],
  },
};

describe.each(OVERLAYS)('the %s overlay', (overlay) => {
  const objects = (): KubernetesObject[] => rendered[overlay];

  it('renders the workloads, their Services, autoscalers, budgets, migration Jobs and Ingress', () => {
    const namesOf = (kind: string): string[] =>
      objectsOfKind(objects(), kind)
        .map((object) => object.metadata.name)
        .sort();
    const kinds = Object.keys(INVENTORY[overlay]);
    expect(Object.fromEntries(kinds.map((kind) => [kind, namesOf(kind)]))).toEqual(INVENTORY[overlay]);
    expect(namesOf('StatefulSet')).toEqual(INVENTORY[overlay]['StatefulSet'] ?? []);
  });

  it('renders only objects of known kinds that validate against the Kubernetes schemas', () => {
    expect(schemaProblems(objects())).toEqual([]);
  });

  it('gives every container probes on declared ports, cpu and memory requests and limits, and a non-root read-only security context', () => {
    expect(containerProblems(objects())).toEqual([]);
  });

  it("has every Service select serving pods that declare its target ports, and no Job's pods", () => {
    expect(serviceSelectionProblems(objects())).toEqual([]);
  });

  it('gives each service an environment it starts with, and declares every port it then listens on', () => {
    expect(serviceEnvironmentProblems(objects())).toEqual([]);
  });

  it('gives every Deployment an autoscaler and a disruption budget', () => {
    expect(scalingProblems(objects())).toEqual([]);
  });

  it('lets every pod pause for the load balancers and drain before it is killed', () => {
    expect(terminationProblems(objects())).toEqual([]);
  });

  it('spreads every Deployment across nodes and points Prometheus at every metrics port', () => {
    expect(topologySpreadProblems(objects())).toEqual([]);
    expect(scrapeAnnotationProblems(objects())).toEqual([]);
  });

  it('names each scraped pod after a job the alerts watch, as scrape-kubernetes.yml labels it', async () => {
    // scrape-kubernetes.yml takes the job from app.kubernetes.io/name and keeps the container port named `metrics`.
    const scrapedJobs = objectsOfKind(objects(), ...SERVING_KINDS)
      .filter((workload) => podAnnotationsOf(workload)['prometheus.io/scrape'] === 'true')
      .filter((workload) => containerPortsOf(workload).some((port) => port.name === 'metrics'))
      .map((workload) => podLabelsOf(workload)['app.kubernetes.io/name'])
      .sort();
    const watchedJobs = (await alertExpressions()).flatMap((expression) =>
      [...expression.matchAll(/job=~"([^"]+)"/g)].flatMap((match) => (match[1] ?? '').split('|')),
    );
    expect(scrapedJobs).toEqual(SERVICES);
    expect([...new Set(watchedJobs)].sort()).toEqual(SERVICES);
  });

  it('admits exactly the intended connections', () => {
    expect(networkFlowProblems(objects(), intendedFlows(overlay))).toEqual([]);
  });

  it("routes /graphql, /ws/ and / (the web app's /app/ with it) to the router's public port with hour-long idle timeouts, and nothing to a metrics port", () => {
    expect(ingressProblems(objects())).toEqual([]);
  });

  it("migrates each service's database with that service's image, and admits the migration to that database alone", () => {
    expect(migrationJobProblems(objects())).toEqual([]);
  });

  it('renders Secrets holding placeholders only', () => {
    expect(renderedSecretProblems(objects())).toEqual([]);
  });
});

describe('where the databases live', () => {
  it('dev runs PostgreSQL per service and Redis as StatefulSets with their own volumes', () => {
    expect(databasePlacementProblems(rendered.dev, 'in-cluster')).toEqual([]);
  });

  it('prod runs none in the cluster, and every database and Redis URL leads outside it', () => {
    expect(databasePlacementProblems(rendered.prod, 'managed')).toEqual([]);
  });
});

describe('the committed secrets files', () => {
  it.each(OVERLAYS)('%s: secrets.env.example holds placeholders only', async (overlay) => {
    const file = path.join(K8S_DIRECTORY, 'overlays', overlay, 'secrets.env.example');
    expect(exampleFileProblems(await readFile(file, 'utf8'), file)).toEqual([]);
  });

  it('keep the real secrets.env of every overlay out of git', () => {
    expect(gitIgnoreProblems(gitignoreRules(readRepositoryFile('.gitignore')), SECRETS_FILES)).toEqual([]);
  });
});
