// Where traffic lands: every Service selects serving pods that declare its target ports (and no
// Job's pods), and the Ingress sends its public paths (the web app's at /app/ among them) to the
// router's public port, never to metrics.
import { containerEnvironment } from './containerEnvironment.js';
import {
  containerPortsOf,
  containersOf,
  describeObject,
  findObject,
  objectsOfKind,
  podLabelsOf,
  SERVING_KINDS,
  type ContainerPort,
  type KubernetesObject,
} from './kubernetesObjects.js';

/** A Service's selector is a plain map: every pair must be among the pod's labels. */
const serviceSelects = (service: KubernetesObject, workload: KubernetesObject): boolean =>
  Object.entries<string>(service['spec']?.selector ?? {}).every(([key, value]) => podLabelsOf(workload)[key] === value);

const selectedWorkloads = (objects: readonly KubernetesObject[], service: KubernetesObject, ...kinds: string[]): KubernetesObject[] =>
  Object.keys(service['spec']?.selector ?? {}).length === 0
    ? []
    : objectsOfKind(objects, ...kinds).filter((workload) => serviceSelects(service, workload));

const portMatches = (declared: ContainerPort, target: number | string): boolean =>
  typeof target === 'string' ? declared.name === target : declared.containerPort === target;

export function serviceSelectionProblems(objects: readonly KubernetesObject[]): string[] {
  return objectsOfKind(objects, 'Service').flatMap((service) => {
    const where = describeObject(service);
    const workloads = selectedWorkloads(objects, service, ...SERVING_KINDS);
    const problems = selectedWorkloads(objects, service, 'Job').map((job) => `${where}: selects the pods of ${describeObject(job)}`);
    if (workloads.length === 0) return [...problems, `${where}: selects the pods of no Deployment or StatefulSet`];
    for (const port of service['spec']?.ports ?? []) {
      const target: number | string = port.targetPort ?? port.port;
      for (const workload of workloads.filter(
        (candidate) => !containerPortsOf(candidate).some((declared) => portMatches(declared, target)),
      )) {
        problems.push(`${where}: port ${port.name ?? port.port} targets ${target}, which ${describeObject(workload)} does not declare`);
      }
    }
    return problems;
  });
}

/** The container ports an Ingress backend reaches: through its Service, to the pods that Service selects. */
function backendContainerPorts(objects: readonly KubernetesObject[], backend: any): ContainerPort[] {
  const service = findObject(objects, 'Service', backend?.service?.name ?? '');
  if (service === undefined) return [];
  const wanted = backend.service.port ?? {};
  const servicePort = (service['spec']?.ports ?? []).find((port: any) => port.name === wanted.name || port.port === wanted.number);
  if (servicePort === undefined) return [];
  const target: number | string = servicePort.targetPort ?? servicePort.port;
  return selectedWorkloads(objects, service, ...SERVING_KINDS).flatMap((workload) =>
    containerPortsOf(workload).filter((declared) => portMatches(declared, target)),
  );
}

const INGRESS_PATHS = ['/graphql', '/ws/', '/'] as const;
/** Requests that must reach the router through whichever path matches them: the web app's page and its assets. */
const ROUTER_REQUESTS = ['/app/', '/app/assets/index-abc123.js'] as const;

/**
 * The Ingress path that takes a request, as the Ingress API defines it: an Exact match, else the
 * longest Prefix whose `/`-separated elements begin the request's path.
 */
function pathTaking(paths: readonly any[], request: string): any {
  const exact = paths.find((entry) => entry.pathType === 'Exact' && entry.path === request);
  if (exact !== undefined) return exact;
  const elements = (path: string) => path.split('/').filter((element) => element !== '');
  const prefixes = paths.filter((entry) => {
    if (entry.pathType !== 'Prefix') return false;
    const prefix = elements(entry.path);
    return prefix.every((element, index) => elements(request)[index] === element);
  });
  return prefixes.sort((a, b) => elements(b.path).length - elements(a.path).length)[0];
}
/** Idle subscriptions must outlive the proxy's timeouts; the router's 12 s pings keep them from mattering much below this. */
const IDLE_TIMEOUT_SECONDS = 3600;

const NGINX_SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
const nginxSizeBytes = (size: string | undefined): number | null => {
  const parsed = /^(\d+)([kmg]?)$/i.exec(size ?? '');
  return parsed === null ? null : Number(parsed[1]) * NGINX_SIZE_UNITS[parsed[2]!.toLowerCase()]!;
};

function routerBodyLimitBytes(objects: readonly KubernetesObject[]): number {
  const router = findObject(objects, 'Deployment', 'router');
  const env = router === undefined ? {} : containerEnvironment(containersOf(router)[0], objects).env;
  return Number(env['MAX_REQUEST_BODY_BYTES'] ?? 1_000_000);
}

export function ingressProblems(objects: readonly KubernetesObject[]): string[] {
  const ingresses = objectsOfKind(objects, 'Ingress');
  if (ingresses.length === 0) return ['no Ingress'];
  return ingresses.flatMap((ingress) => {
    const where = describeObject(ingress);
    const annotations: Record<string, string> = ingress.metadata.annotations ?? {};
    const problems: string[] = [];
    if (ingress['spec']?.ingressClassName !== 'nginx') problems.push(`${where}: ingressClassName is not nginx`);
    for (const timeout of ['proxy-read-timeout', 'proxy-send-timeout']) {
      const seconds = Number(annotations[`nginx.ingress.kubernetes.io/${timeout}`]);
      if (!(seconds >= IDLE_TIMEOUT_SECONDS)) problems.push(`${where}: ${timeout} is not at least ${IDLE_TIMEOUT_SECONDS} s`);
    }
    const bodyLimit = nginxSizeBytes(annotations['nginx.ingress.kubernetes.io/proxy-body-size']);
    const routerLimit = routerBodyLimitBytes(objects);
    if (bodyLimit === null || bodyLimit < routerLimit || bodyLimit > routerLimit * 1.1) {
      problems.push(`${where}: proxy-body-size does not match the router's MAX_REQUEST_BODY_BYTES (${routerLimit})`);
    }
    const paths: any[] = (ingress['spec']?.rules ?? []).flatMap((rule: any) => rule.http?.paths ?? []);
    for (const entry of paths) {
      if (backendContainerPorts(objects, entry.backend).some((port) => port.name === 'metrics'))
        problems.push(`${where}: ${entry.path} reaches a metrics port`);
    }
    const router = findObject(objects, 'Deployment', 'router');
    const routerHttp = router === undefined ? undefined : containerPortsOf(router).find((port) => port.name === 'http');
    for (const wanted of INGRESS_PATHS) {
      const entry = paths.find((candidate) => candidate.path === wanted);
      const reached = entry === undefined ? [] : backendContainerPorts(objects, entry.backend);
      if (routerHttp === undefined || !reached.includes(routerHttp))
        problems.push(`${where}: ${wanted} does not reach the router's http port`);
    }
    for (const request of ROUTER_REQUESTS) {
      const entry = pathTaking(paths, request);
      const reached = entry === undefined ? [] : backendContainerPorts(objects, entry.backend);
      if (routerHttp === undefined || !reached.includes(routerHttp))
        problems.push(`${where}: a request for ${request} does not reach the router's http port`);
    }
    return problems;
  });
}
