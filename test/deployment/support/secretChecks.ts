// No real secret is committed: whatever the committed tree renders into a Secret is a placeholder
// (the render reads secrets.env.example), the examples hold only placeholders, and the real
// secrets.env of each overlay is git-ignored. Every example value carries the placeholder mark the
// services refuse at start (PLACEHOLDER_SECRET_PREFIX), so no one mistakes it for a value to keep.
import { PLACEHOLDER_SECRET_PREFIX } from '../../../packages/identity/src/secretSchema.js';
import { secretValues } from './containerEnvironment.js';
import type { IgnoreRules } from './ignoreFiles.js';
import { describeObject, objectsOfKind, type KubernetesObject } from './kubernetesObjects.js';

export function renderedSecretProblems(objects: readonly KubernetesObject[]): string[] {
  return objectsOfKind(objects, 'Secret').flatMap((secret) =>
    Object.entries(secretValues(secret))
      .filter(([, value]) => !value.includes(PLACEHOLDER_SECRET_PREFIX))
      .map(([key]) => `${describeObject(secret)}: ${key} is not a placeholder`),
  );
}

/** Each KEY=value line of an env file holds a placeholder. */
export function exampleFileProblems(text: string, file: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .filter((line) => !line.slice(line.indexOf('=') + 1).includes(PLACEHOLDER_SECRET_PREFIX))
    .map((line) => `${file}: ${line.split('=')[0]} is not a placeholder`);
}

/** Each of `paths` (relative to the repository's root) is left out by its .gitignore. */
export function gitIgnoreProblems(gitignore: IgnoreRules, paths: readonly string[]): string[] {
  return paths.filter((file) => !gitignore.excludes(file)).map((file) => `${file} is not git-ignored`);
}
