// The environment a container starts with, as the kubelet assembles it from the rendered objects:
// envFrom in order, then env (which wins), ConfigMap values as written and Secret data decoded.
import { findObject, type KubernetesObject } from './kubernetesObjects.js';

interface ContainerEnvironment {
  env: Record<string, string>;
  /** References that would keep the container from starting (a missing ConfigMap, Secret or key). */
  problems: string[];
}

/** The string values of a ConfigMap or Secret, or undefined when the object is not among `objects`. */
function valuesOf(objects: readonly KubernetesObject[], kind: 'ConfigMap' | 'Secret', name: string): Record<string, string> | undefined {
  const object = findObject(objects, kind, name);
  if (object === undefined) return undefined;
  return kind === 'ConfigMap' ? { ...(object['data'] ?? {}) } : secretValues(object);
}

/** A Secret's values as a container reads them: `data` decoded from base64, then `stringData`. */
export function secretValues(secret: KubernetesObject): Record<string, string> {
  const decoded = Object.entries<string>(secret['data'] ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]);
  return { ...Object.fromEntries(decoded), ...(secret['stringData'] ?? {}) };
}

export function containerEnvironment(container: any, objects: readonly KubernetesObject[]): ContainerEnvironment {
  const env: Record<string, string> = {};
  const problems: string[] = [];
  for (const source of container.envFrom ?? []) {
    const [kind, reference] = source.configMapRef ? (['ConfigMap', source.configMapRef] as const) : (['Secret', source.secretRef] as const);
    const values = valuesOf(objects, kind, reference.name);
    if (values === undefined) {
      if (reference.optional !== true) problems.push(`envFrom: no ${kind} ${reference.name}`);
      continue;
    }
    for (const [key, value] of Object.entries(values)) env[`${source.prefix ?? ''}${key}`] = value;
  }
  for (const variable of container.env ?? []) {
    const value = valueOfVariable(variable, objects);
    if (typeof value === 'string') env[variable.name] = value;
    else if (value !== null) problems.push(`${variable.name}: ${value.problem}`);
  }
  return { env, problems };
}

/** The value; null when an optional reference is missing (the variable is left unset); or why it cannot be had. */
function valueOfVariable(variable: any, objects: readonly KubernetesObject[]): string | null | { problem: string } {
  if (variable.valueFrom === undefined) return String(variable.value ?? '');
  const { configMapKeyRef, secretKeyRef } = variable.valueFrom;
  const reference = configMapKeyRef ?? secretKeyRef;
  if (reference === undefined) return { problem: 'only value, configMapKeyRef and secretKeyRef are resolved here' };
  const kind = configMapKeyRef ? 'ConfigMap' : 'Secret';
  const value = valuesOf(objects, kind, reference.name)?.[reference.key];
  if (value !== undefined) return value;
  return reference.optional === true ? null : { problem: `no key ${reference.key} in ${kind} ${reference.name}` };
}
