// Whether the rendered NetworkPolicies let one pod open a connection to another, evaluated as the
// API defines it: a pod no Ingress policy selects admits everything; a selected pod admits only
// the union of the rules of the policies that select it. Egress is not restricted by these manifests.
import { objectsOfKind, selectorMatches, type ContainerPort, type KubernetesObject, type LabelSelector } from './kubernetesObjects.js';

export interface Pod {
  namespace: string;
  /** The namespace's labels; the API adds kubernetes.io/metadata.name to every namespace itself. */
  namespaceLabels?: Record<string, string>;
  labels: Record<string, string>;
  ports?: readonly ContainerPort[];
}

interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string };
}

interface PolicyPort {
  port?: number | string;
  endPort?: number;
  protocol?: string;
}

interface IngressRule {
  from?: PolicyPeer[];
  ports?: PolicyPort[];
}

const namespaceLabelsOf = (pod: Pod): Record<string, string> => ({ ...pod.namespaceLabels, 'kubernetes.io/metadata.name': pod.namespace });

function isIngressPolicy(policy: KubernetesObject): boolean {
  const types: string[] | undefined = policy['spec']?.policyTypes;
  return types === undefined ? true : types.includes('Ingress');
}

/**
 * An ipBlock is matched against addresses, which these checks do not model: it counts as admitting any
 * source, so a policy widened by one fails the flows that must be denied rather than passing unseen.
 */
function peerAdmits(peer: PolicyPeer, policyNamespace: string, source: Pod): boolean {
  if (peer.ipBlock !== undefined) return true;
  const namespaceHolds =
    peer.namespaceSelector === undefined
      ? source.namespace === policyNamespace
      : selectorMatches(peer.namespaceSelector, namespaceLabelsOf(source));
  const podHolds = peer.podSelector === undefined || selectorMatches(peer.podSelector, source.labels);
  return namespaceHolds && podHolds;
}

function portAdmits(policyPort: PolicyPort, destination: Pod, port: number, protocol: string): boolean {
  if ((policyPort.protocol ?? 'TCP') !== protocol) return false;
  if (policyPort.port === undefined) return true;
  if (typeof policyPort.port === 'string') {
    return (destination.ports ?? []).some(
      (declared) => declared.name === policyPort.port && declared.containerPort === port && (declared.protocol ?? 'TCP') === protocol,
    );
  }
  return port >= policyPort.port && port <= (policyPort.endPort ?? policyPort.port);
}

function ruleAdmits(rule: IngressRule, policyNamespace: string, source: Pod, destination: Pod, port: number, protocol: string): boolean {
  const fromHolds = (rule.from ?? []).length === 0 || rule.from!.some((peer) => peerAdmits(peer, policyNamespace, source));
  const portHolds =
    (rule.ports ?? []).length === 0 || rule.ports!.some((policyPort) => portAdmits(policyPort, destination, port, protocol));
  return fromHolds && portHolds;
}

/** Whether `source` may connect to `destination` on `port` (a container port of the destination). */
export function connectionAdmitted(
  objects: readonly KubernetesObject[],
  source: Pod,
  destination: Pod,
  port: number,
  protocol = 'TCP',
): boolean {
  const selecting = objectsOfKind(objects, 'NetworkPolicy').filter(
    (policy) =>
      (policy.metadata.namespace ?? 'default') === destination.namespace &&
      isIngressPolicy(policy) &&
      selectorMatches(policy['spec']?.podSelector ?? {}, destination.labels),
  );
  if (selecting.length === 0) return true;
  return selecting.some((policy) =>
    ((policy['spec']?.ingress ?? []) as IngressRule[]).some((rule) =>
      ruleAdmits(rule, destination.namespace, source, destination, port, protocol),
    ),
  );
}
