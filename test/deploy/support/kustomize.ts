import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readYamlDocuments } from './repo';

/**
 * Renders a kustomization the way `kustomize build` does, for the subset our overlays use:
 * resources (files and kustomization folders), namespace, images and JSON 6902 patches with a
 * target. Any other field is refused rather than ignored, so an overlay cannot silently rely on a
 * feature this renderer does not reproduce.
 */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches']);
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'PersistentVolume',
  'StorageClass',
]);

interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
}

interface PatchRule {
  target: { kind?: string; name?: string };
  patch?: string;
  path?: string;
}

export function renderKustomization(dir: string): Manifest[] {
  const file = path.join(dir, 'kustomization.yaml');
  const kustomization = parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  for (const key of Object.keys(kustomization)) {
    if (!SUPPORTED.has(key)) throw new Error(`${file}: field "${key}" is not supported by this renderer`);
  }
  if (kustomization.kind !== 'Kustomization') throw new Error(`${file}: kind must be Kustomization`);
  let manifests: Manifest[] = [];
  for (const resource of (kustomization.resources as string[] | undefined) ?? []) {
    const target = path.resolve(dir, resource);
    if (!fs.existsSync(target)) throw new Error(`${file}: resource ${resource} does not exist`);
    manifests.push(
      ...(fs.statSync(target).isDirectory()
        ? renderKustomization(target)
        : readYamlDocuments(target)
            .filter((doc) => doc !== null)
            .map((doc) => asManifest(doc, target))),
    );
  }
  const namespace = kustomization.namespace as string | undefined;
  if (namespace) {
    manifests = manifests.map((manifest) =>
      CLUSTER_SCOPED.has(manifest.kind)
        ? manifest
        : { ...manifest, metadata: { ...manifest.metadata, namespace } },
    );
  }
  for (const rule of (kustomization.images as ImageRule[] | undefined) ?? []) {
    let matched = false;
    for (const manifest of manifests) matched = setImages(manifest, rule) || matched;
    if (!matched) throw new Error(`${file}: image rule ${rule.name} matches no container`);
  }
  for (const rule of (kustomization.patches as PatchRule[] | undefined) ?? []) {
    const text =
      rule.patch ?? (rule.path ? fs.readFileSync(path.resolve(dir, rule.path), 'utf8') : undefined);
    if (!text || !rule.target) throw new Error(`${file}: a patch needs a target and a JSON 6902 patch`);
    const operations = parse(text) as unknown;
    if (!Array.isArray(operations))
      throw new Error(`${file}: only JSON 6902 patches (a list of operations) are supported`);
    const targets = manifests.filter(
      (m) =>
        (!rule.target.kind || m.kind === rule.target.kind) &&
        (!rule.target.name || m.metadata.name === rule.target.name),
    );
    if (targets.length === 0)
      throw new Error(`${file}: patch target ${JSON.stringify(rule.target)} matches nothing`);
    for (const target of targets) {
      const index = manifests.indexOf(target);
      manifests[index] = applyJsonPatch(target, operations as JsonPatchOperation[]) as Manifest;
    }
  }
  const ids = new Set<string>();
  for (const manifest of manifests) {
    const id = `${manifest.kind}/${manifest.metadata.namespace ?? ''}/${manifest.metadata.name}`;
    if (ids.has(id)) throw new Error(`${file}: ${id} is defined twice`);
    ids.add(id);
  }
  return manifests;
}

function asManifest(doc: unknown, file: string): Manifest {
  const manifest = doc as Manifest;
  if (!manifest?.apiVersion || !manifest.kind || !manifest.metadata?.name) {
    throw new Error(`${file}: every document needs apiVersion, kind and metadata.name`);
  }
  return manifest;
}

function setImages(manifest: Manifest, rule: ImageRule): boolean {
  const spec = podSpec(manifest);
  if (!spec) return false;
  let matched = false;
  for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const [name, tag] = splitImage(container.image);
    if (name !== rule.name) continue;
    container.image = `${rule.newName ?? name}${rule.newTag ? `:${rule.newTag}` : tag ? `:${tag}` : ''}`;
    matched = true;
  }
  return matched;
}

/** `registry/name:tag` → [registry/name, tag]; a colon before the last slash is a registry port. */
export function splitImage(image: string): [string, string | undefined] {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? [image.slice(0, colon), image.slice(colon + 1)] : [image, undefined];
}

export interface Container {
  name: string;
  image: string;
  [key: string]: unknown;
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  [key: string]: unknown;
}

/** The pod spec of a workload (Deployment, Job...), or undefined for other kinds. */
export function podSpec(manifest: Manifest): PodSpec | undefined {
  const spec = manifest.spec as { template?: { spec?: PodSpec } } | undefined;
  return spec?.template?.spec;
}

export interface JsonPatchOperation {
  op: string;
  path: string;
  value?: unknown;
}

/** RFC 6902 add, remove, replace and test; a path that does not exist is an error, as in kustomize. */
export function applyJsonPatch(document: unknown, operations: JsonPatchOperation[]): unknown {
  const result = structuredClone(document);
  for (const { op, path: pointer, value } of operations) {
    const keys = pointer
      .split('/')
      .slice(1)
      .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
    const last = keys.pop();
    if (last === undefined) throw new Error(`patch path "${pointer}" must not be empty`);
    let parent = result as Record<string, unknown> | unknown[];
    for (const key of keys) {
      const child = (parent as Record<string, unknown>)[key];
      if (child === null || typeof child !== 'object')
        throw new Error(`patch path "${pointer}" does not exist`);
      parent = child as Record<string, unknown>;
    }
    const container = parent as Record<string, unknown>;
    const exists = Array.isArray(parent) ? Number(last) < parent.length : Object.hasOwn(container, last);
    switch (op) {
      case 'add':
        if (Array.isArray(parent)) parent.splice(last === '-' ? parent.length : Number(last), 0, value);
        else container[last] = value;
        break;
      case 'replace':
        if (!exists) throw new Error(`patch path "${pointer}" does not exist`);
        container[last] = value;
        break;
      case 'remove':
        if (!exists) throw new Error(`patch path "${pointer}" does not exist`);
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete container[last];
        break;
      case 'test':
        if (JSON.stringify(container[last]) !== JSON.stringify(value))
          throw new Error(`patch test at "${pointer}" failed`);
        break;
      default:
        throw new Error(`patch operation "${op}" is not supported`);
    }
  }
  return result;
}
