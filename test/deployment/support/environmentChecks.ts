// The manifests against the code: each service's environment is one it would start with, and
// declares the ports it then listens on; the migration Jobs run their service's image and migrate
// that service alone; the databases live where each overlay says.
import { serviceNames } from '../../../prisma/src/servicePaths.js';
import { containerEnvironment } from './containerEnvironment.js';
import {
  containerPortsOf,
  containersOf,
  describeObject,
  findObject,
  objectsOfKind,
  podLabelsOf,
  type KubernetesObject,
} from './kubernetesObjects.js';
import { podOfWorkload } from './networkFlowChecks.js';
import { connectionAdmitted } from './networkPolicies.js';
import {
  environmentProblems,
  listeningPorts,
  MIGRATION_SCRIPT,
  migrationEnvironmentProblems,
  SERVICE_NAMES,
  type ServiceName,
} from './serviceEnvironments.js';

const serviceContainer = (deployment: KubernetesObject, service: string): any =>
  containersOf(deployment).find((container) => container.name === service) ?? containersOf(deployment)[0];

/** Every variable set or defaulted and none misspelt, and http, grpc and metrics declared under those names. */
export function serviceEnvironmentProblems(objects: readonly KubernetesObject[]): string[] {
  return SERVICE_NAMES.flatMap((service) => {
    const deployment = findObject(objects, 'Deployment', service);
    if (deployment === undefined) return [`no Deployment ${service}`];
    const where = describeObject(deployment);
    const container = serviceContainer(deployment, service);
    const { env, problems } = containerEnvironment(container, objects);
    const startProblems = [...problems, ...environmentProblems(service, env)];
    if (startProblems.length > 0) return startProblems.map((problem) => `${where}: ${problem}`);
    return Object.entries(listeningPorts(service, env)).flatMap(([name, port]) => {
      const declared = (container.ports ?? []).find((candidate: any) => candidate.name === name);
      if (declared?.containerPort === port) return [];
      return [`${where}: listens on ${port} (${name}), but its container port ${name} is ${declared?.containerPort ?? 'not declared'}`];
    });
  });
}

/** The in-cluster databases: the StatefulSets labelled component database. */
const databases = (objects: readonly KubernetesObject[]): KubernetesObject[] =>
  objectsOfKind(objects, 'StatefulSet').filter((set) => podLabelsOf(set)['app.kubernetes.io/component'] === 'database');

function databaseAdmissionProblems(objects: readonly KubernetesObject[], job: KubernetesObject, service: ServiceName): string[] {
  const source = podOfWorkload(job);
  return databases(objects).flatMap((database) => {
    const destination = podOfWorkload(database);
    const own = database.metadata.name === `${service}-db`;
    return containerPortsOf(database)
      .filter((port) => connectionAdmitted(objects, source, destination, port.containerPort) !== own)
      .map(
        (port) =>
          `${describeObject(job)}: ${own ? 'not admitted to' : 'admitted to'} ${describeObject(database)} port ${port.containerPort}`,
      );
  });
}

export function migrationJobProblems(objects: readonly KubernetesObject[]): string[] {
  return serviceNames.flatMap((service) => {
    const job = findObject(objects, 'Job', `${service}-migrate`);
    if (job === undefined) return [`no Job ${service}-migrate`];
    const where = describeObject(job);
    const [container] = containersOf(job);
    const problems: string[] = [];
    const deployment = findObject(objects, 'Deployment', service);
    const serviceImage = deployment === undefined ? undefined : serviceContainer(deployment, service).image;
    if (container.image !== serviceImage) problems.push(`${where}: runs ${container.image}, not the ${service} image ${serviceImage}`);
    // The image's entrypoint is node: a command would replace it.
    const args: string[] = container.args ?? [];
    if (container.command !== undefined || args[0] !== MIGRATION_SCRIPT || args.slice(1).join(' ') !== service) {
      problems.push(`${where}: runs ${JSON.stringify([...(container.command ?? []), ...args])}, not [${MIGRATION_SCRIPT}, ${service}]`);
    }
    const { env, problems: referenceProblems } = containerEnvironment(container, objects);
    problems.push(...[...referenceProblems, ...migrationEnvironmentProblems(args.slice(1), env)].map((problem) => `${where}: ${problem}`));
    return [...problems, ...databaseAdmissionProblems(objects, job, service)];
  });
}

type DatabasePlacement = 'in-cluster' | 'managed';
const IN_CLUSTER_STORES = ['user-db', 'finance-db', 'redis'];
const STORE_URL_VARIABLES = ['DATABASE_URL', 'USER_DATABASE_URL', 'FINANCE_DATABASE_URL', 'REDIS_URL'];

/**
 * Whether `url` names a host of this cluster: a bare name (the search path makes it a Service of
 * the pod's namespace), `service.namespace` for a namespace of these manifests, or any `*.svc` name.
 */
function inClusterHost(url: string, namespaces: ReadonlySet<string>): boolean {
  const host = URL.canParse(url) ? new URL(url).hostname : '';
  const labels = host.split('.');
  return labels.length === 1 || (labels.length === 2 && namespaces.has(labels[1]!)) || /\.svc(\.|$)/.test(host);
}

/** In dev, PostgreSQL per service and Redis run here with their own volumes; in prod, none do and the URLs lead out. */
export function databasePlacementProblems(objects: readonly KubernetesObject[], placement: DatabasePlacement): string[] {
  const statefulSets = objectsOfKind(objects, 'StatefulSet');
  if (placement === 'in-cluster') {
    return IN_CLUSTER_STORES.flatMap((name) => {
      const set = statefulSets.find((candidate) => candidate.metadata.name === name);
      if (set === undefined) return [`no StatefulSet ${name}`];
      return (set['spec']?.volumeClaimTemplates ?? []).length > 0 ? [] : [`StatefulSet/${name}: no volumeClaimTemplates`];
    });
  }
  const namespaces = new Set(
    objects.map((object) => (object.kind === 'Namespace' ? object.metadata.name : (object.metadata.namespace ?? 'default'))),
  );
  const inside = statefulSets.map((set) => `${describeObject(set)}: a managed-database overlay runs a StatefulSet`);
  const urls = objectsOfKind(objects, 'Deployment', 'Job').flatMap((workload) =>
    containersOf(workload).flatMap((container) =>
      Object.entries(containerEnvironment(container, objects).env)
        .filter(([name, value]) => STORE_URL_VARIABLES.includes(name) && inClusterHost(value, namespaces))
        .map(([name]) => `${describeObject(workload)}: ${name} points at a host inside the cluster`),
    ),
  );
  return [...inside, ...urls];
}
