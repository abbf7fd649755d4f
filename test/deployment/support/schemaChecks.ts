// Every rendered object against the Kubernetes API's own schema (kubernetes-models, generated from
// the API's OpenAPI document). The models do not reject unknown fields: a misspelt optional field
// passes here, which is why the reviewer checks read the fields they care about by name.
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { describeObject, type KubernetesObject } from './kubernetesObjects.js';

interface ValidatingModel {
  validate(): void;
}

/** The kinds these manifests may hold, by apiVersion and kind; anything else is a mistake or needs a model added here. */
const models: Record<string, new (data: any) => ValidatingModel> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
};

interface SchemaError {
  instancePath?: string;
  message?: string;
}

/**
 * kustomize wraps the base64 of a long Secret value every 70 characters; the API server's decoder
 * skips line breaks (Go's encoding/base64 does), the schema's "byte" format does not.
 */
function asTheApiServerDecodesIt(object: KubernetesObject): KubernetesObject {
  if (object.kind !== 'Secret' || object['data'] === undefined) return object;
  const data = Object.entries<string>(object['data']).map(([key, value]) => [key, value.replace(/[\r\n]/g, '')]);
  return { ...object, data: Object.fromEntries(data) };
}

export function schemaProblems(objects: readonly KubernetesObject[]): string[] {
  return objects.flatMap((object) => {
    const Model = models[`${object.apiVersion}/${object.kind}`];
    if (Model === undefined) return [`${describeObject(object)}: no schema for ${object.apiVersion} ${object.kind}`];
    try {
      new Model(asTheApiServerDecodesIt(object)).validate();
      return [];
    } catch (error) {
      const errors: SchemaError[] = (error as { errors?: SchemaError[] }).errors ?? [{ message: String(error) }];
      return errors.map((schemaError) =>
        `${describeObject(object)}: ${schemaError.instancePath ?? ''} ${schemaError.message ?? ''}`.trim(),
      );
    }
  });
}
