// The shapes the deployment checks read in rendered Kubernetes objects, and the label matching that
// decides which pods a Service, PodDisruptionBudget or NetworkPolicy means.

/** One rendered object; fields beyond the metadata are read as the checks need them. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: any;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export const describeObject = (object: KubernetesObject): string => `${object.kind}/${object.metadata.name}`;

/** A LabelSelector as the API reads it: every term must hold, and an empty selector matches every pod. */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string> = {}): boolean {
  const labelsHold = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const expressionsHold = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In':
        return key in labels && values.includes(labels[key]!);
      case 'NotIn':
        return !(key in labels) || !values.includes(labels[key]!);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
    }
  });
  return labelsHold && expressionsHold;
}

/** Kinds whose pods these manifests run. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'Job'] as const;
/** Kinds whose pods serve: a Service must select only these. */
export const SERVING_KINDS = ['Deployment', 'StatefulSet'] as const;

export function objectsOfKind(objects: readonly KubernetesObject[], ...kinds: readonly string[]): KubernetesObject[] {
  return objects.filter((object) => kinds.includes(object.kind));
}

export function findObject(objects: readonly KubernetesObject[], kind: string, name: string): KubernetesObject | undefined {
  return objects.find((object) => object.kind === kind && object.metadata.name === name);
}

export const podLabelsOf = (workload: KubernetesObject): Record<string, string> => workload['spec']?.template?.metadata?.labels ?? {};

export const podAnnotationsOf = (workload: KubernetesObject): Record<string, string> =>
  workload['spec']?.template?.metadata?.annotations ?? {};

export const podSpecOf = (workload: KubernetesObject): any => workload['spec']?.template?.spec ?? {};

export function containersOf(workload: KubernetesObject): any[] {
  const spec = podSpecOf(workload);
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
}

export const containerPortsOf = (workload: KubernetesObject): ContainerPort[] =>
  containersOf(workload).flatMap((container) => container.ports ?? []);
