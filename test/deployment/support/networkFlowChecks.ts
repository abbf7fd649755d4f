// The NetworkPolicies held up against a table of intended flows: who may open a connection to whom,
// on which named port. A flow names its pods by workload (a Deployment, StatefulSet or Job of the
// rendered manifests) or by one of the namespaces outside them.
import { containerPortsOf, objectsOfKind, podLabelsOf, WORKLOAD_KINDS, type KubernetesObject } from './kubernetesObjects.js';
import { connectionAdmitted, type Pod } from './networkPolicies.js';

/** A flow's port that stands for every port the destination declares (no port name has a "*"). */
export const EVERY_PORT = '*';

export interface Flow {
  from: string;
  to: string;
  /** A container port name of the destination, or EVERY_PORT. */
  port: string;
  admitted: boolean;
}

/** Pods outside the manifests: the ingress controller, Prometheus, and anything else in the cluster. */
const OUTSIDE_PODS: Record<string, Pod> = {
  'ingress-nginx': { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
  monitoring: { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus' } },
  default: { namespace: 'default', labels: { app: 'anything' } },
};

/** A pod of `workload`, as the NetworkPolicies see it. */
export const podOfWorkload = (workload: KubernetesObject): Pod => ({
  namespace: workload.metadata.namespace ?? 'default',
  labels: podLabelsOf(workload),
  ports: containerPortsOf(workload),
});

function podOf(objects: readonly KubernetesObject[], name: string): Pod | undefined {
  const workload = objectsOfKind(objects, ...WORKLOAD_KINDS).find((candidate) => candidate.metadata.name === name);
  return workload === undefined ? OUTSIDE_PODS[name] : podOfWorkload(workload);
}

const describeFlow = (flow: Flow, port: number): string =>
  `${flow.from} -> ${flow.to} ${flow.port === EVERY_PORT ? '' : `${flow.port} `}(${port})`;

export function networkFlowProblems(objects: readonly KubernetesObject[], flows: readonly Flow[]): string[] {
  if (objectsOfKind(objects, 'NetworkPolicy').length === 0) return ['no NetworkPolicy'];
  return flows.flatMap((flow) => {
    const source = podOf(objects, flow.from);
    const destination = podOf(objects, flow.to);
    if (source === undefined || destination?.ports === undefined) return [`${flow.from} -> ${flow.to}: no such workload`];
    const ports = (destination.ports ?? []).filter((port) => flow.port === EVERY_PORT || port.name === flow.port);
    if (ports.length === 0) return [`${flow.from} -> ${flow.to}: ${flow.to} declares no port ${flow.port}`];
    return ports
      .filter((port) => connectionAdmitted(objects, source, destination, port.containerPort, port.protocol ?? 'TCP') !== flow.admitted)
      .map(
        (port) =>
          `${describeFlow(flow, port.containerPort)}: ${flow.admitted ? 'denied, should be admitted' : 'admitted, should be denied'}`,
      );
  });
}
