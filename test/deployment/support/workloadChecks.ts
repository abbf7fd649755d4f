// What a reviewer checks on every pod these manifests run: probes on declared ports, resources,
// a locked-down security context, termination that outlasts the services' drain, spreading,
// scrape annotations, and an autoscaler and a disruption budget for every Deployment.
import { FORCED_EXIT_AFTER_MS } from '../../../packages/service-runtime/src/gracefulShutdown.js';
import {
  containerPortsOf,
  containersOf,
  describeObject,
  objectsOfKind,
  podAnnotationsOf,
  podLabelsOf,
  podSpecOf,
  selectorMatches,
  SERVING_KINDS,
  WORKLOAD_KINDS,
  type KubernetesObject,
} from './kubernetesObjects.js';

const PROBES = ['startupProbe', 'livenessProbe', 'readinessProbe'] as const;

function probeProblems(workload: KubernetesObject, container: any): string[] {
  const where = `${describeObject(workload)} container ${container.name}`;
  const ports = containerPortsOf(workload);
  return PROBES.flatMap((probeName) => {
    const probe = container[probeName];
    if (probe === undefined) return [`${where}: no ${probeName}`];
    const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
    if (port === undefined) return probe.exec === undefined ? [`${where}: ${probeName} has no handler`] : [];
    const declared = ports.some((declaredPort) =>
      typeof port === 'string' ? declaredPort.name === port : declaredPort.containerPort === port,
    );
    return declared ? [] : [`${where}: ${probeName} probes port ${port}, which no container port declares`];
  });
}

function resourceProblems(where: string, container: any): string[] {
  return ['requests', 'limits'].flatMap((bound) =>
    ['cpu', 'memory']
      .filter((resource) => container.resources?.[bound]?.[resource] === undefined)
      .map((resource) => `${where}: no ${resource} ${bound}`),
  );
}

function securityProblems(where: string, podSecurity: any, container: any): string[] {
  const security = { ...podSecurity, ...container.securityContext };
  const problems: string[] = [];
  if (security.runAsNonRoot !== true || security.runAsUser === 0) problems.push(`${where}: may run as root`);
  if (container.securityContext?.readOnlyRootFilesystem !== true) problems.push(`${where}: root filesystem is writable`);
  if (container.securityContext?.allowPrivilegeEscalation !== false) problems.push(`${where}: allows privilege escalation`);
  if (!(container.securityContext?.capabilities?.drop ?? []).includes('ALL')) problems.push(`${where}: does not drop all capabilities`);
  return problems;
}

/** Probes (for serving workloads), resources and security context of every container of every workload. */
export function containerProblems(objects: readonly KubernetesObject[]): string[] {
  return objectsOfKind(objects, ...WORKLOAD_KINDS).flatMap((workload) =>
    containersOf(workload).flatMap((container) => {
      const where = `${describeObject(workload)} container ${container.name}`;
      const serving = (SERVING_KINDS as readonly string[]).includes(workload.kind);
      return [
        ...(serving ? probeProblems(workload, container) : []),
        ...resourceProblems(where, container),
        ...securityProblems(where, podSpecOf(workload).securityContext ?? {}, container),
      ];
    }),
  );
}

/** Every Deployment has an autoscaler aimed at it and a disruption budget that selects its pods. */
export function scalingProblems(objects: readonly KubernetesObject[]): string[] {
  const autoscalers = objectsOfKind(objects, 'HorizontalPodAutoscaler');
  const budgets = objectsOfKind(objects, 'PodDisruptionBudget');
  return objectsOfKind(objects, 'Deployment').flatMap((deployment) => {
    const problems: string[] = [];
    const scaled = autoscalers.some(
      ({ spec }) => spec?.scaleTargetRef?.kind === 'Deployment' && spec.scaleTargetRef.name === deployment.metadata.name,
    );
    if (!scaled) problems.push(`${describeObject(deployment)}: no HorizontalPodAutoscaler targets it`);
    const budgeted = budgets.some(({ spec }) => spec?.selector !== undefined && selectorMatches(spec.selector, podLabelsOf(deployment)));
    if (!budgeted) problems.push(`${describeObject(deployment)}: no PodDisruptionBudget selects its pods`);
    return problems;
  });
}

/** Beyond the pause and the forced exit: the kubelet's own delays, and a log line or two. */
const TERMINATION_MARGIN_SECONDS = 5;

/** How long a preStop hook waits, in seconds, when it is a pause these checks can read; null otherwise. */
function preStopPauseSeconds(preStop: any): number | null {
  if (preStop?.sleep?.seconds !== undefined) return Number(preStop.sleep.seconds);
  const script = (preStop?.exec?.command ?? []).join(' ');
  const timeout = /setTimeout\([^,]*,\s*(\d+)\s*\)/.exec(script);
  if (timeout !== null) return Number(timeout[1]) / 1000;
  const sleep = /^(?:\S*\/)?sleep (\d+)$/.exec(script);
  return sleep === null ? null : Number(sleep[1]);
}

/** The grace period outlasts the preStop pause plus the services' forced exit, so SIGKILL never cuts a drain short. */
export function terminationProblems(objects: readonly KubernetesObject[]): string[] {
  return objectsOfKind(objects, 'Deployment').flatMap((deployment) => {
    const grace: number = podSpecOf(deployment).terminationGracePeriodSeconds ?? 30;
    return containersOf(deployment).flatMap((container) => {
      const where = `${describeObject(deployment)} container ${container.name}`;
      const pause = preStopPauseSeconds(container.lifecycle?.preStop);
      if (pause === null) return [`${where}: no preStop pause that these checks can read`];
      const needed = pause + FORCED_EXIT_AFTER_MS / 1000 + TERMINATION_MARGIN_SECONDS;
      return grace >= needed
        ? []
        : [`${where}: terminationGracePeriodSeconds ${grace} < ${needed} (preStop ${pause} s + forced exit + margin)`];
    });
  });
}

/** Every Deployment spreads its pods across nodes. */
export function topologySpreadProblems(objects: readonly KubernetesObject[]): string[] {
  return objectsOfKind(objects, 'Deployment').flatMap((deployment) => {
    const constraints: any[] = podSpecOf(deployment).topologySpreadConstraints ?? [];
    const acrossNodes = constraints.some(
      (constraint) =>
        constraint.topologyKey === 'kubernetes.io/hostname' &&
        constraint.labelSelector !== undefined &&
        selectorMatches(constraint.labelSelector, podLabelsOf(deployment)),
    );
    return acrossNodes ? [] : [`${describeObject(deployment)}: no topology spread across kubernetes.io/hostname that counts its own pods`];
  });
}

/** Every pod with a metrics port says so to Prometheus, naming that port. */
export function scrapeAnnotationProblems(objects: readonly KubernetesObject[]): string[] {
  return objectsOfKind(objects, ...WORKLOAD_KINDS).flatMap((workload) => {
    const metrics = containerPortsOf(workload).find((port) => port.name === 'metrics');
    if (metrics === undefined) return [];
    const annotations = podAnnotationsOf(workload);
    const problems: string[] = [];
    if (annotations['prometheus.io/scrape'] !== 'true')
      problems.push(`${describeObject(workload)}: pods not annotated prometheus.io/scrape: "true"`);
    if (annotations['prometheus.io/port'] !== String(metrics.containerPort)) {
      problems.push(
        `${describeObject(workload)}: prometheus.io/port is ${annotations['prometheus.io/port']}, the metrics port ${metrics.containerPort}`,
      );
    }
    if (annotations['prometheus.io/path'] !== '/metrics') problems.push(`${describeObject(workload)}: prometheus.io/path is not /metrics`);
    return problems;
  });
}
