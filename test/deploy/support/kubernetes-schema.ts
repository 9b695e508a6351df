import path from 'node:path';
import ts from 'typescript';
import type { Manifest } from './kustomize';

/**
 * Two checks per manifest, both from the kubernetes-models packages (the Kubernetes OpenAPI schemas
 * and the CRD schemas of KEDA and the Prometheus Operator, compiled): `validate()` checks types,
 * required fields and formats; and the same models' TypeScript interfaces, type-checked against the
 * manifest as an object literal, reject any field the API does not define (the schemas alone accept
 * unknown fields, which the API server would drop or refuse).
 */
function modelModule(apiVersion: string): string {
  if (apiVersion.startsWith('keda.sh/')) return `@kubernetes-models/keda/${apiVersion}`;
  if (apiVersion.startsWith('monitoring.coreos.com/'))
    return `@kubernetes-models/prometheus-operator/${apiVersion}`;
  return `kubernetes-models/${apiVersion}`;
}

const label = (manifest: Manifest) => `${manifest.kind}/${manifest.metadata.name}`;

export function schemaErrors(manifest: Manifest): string[] {
  let models: Record<string, unknown>;
  try {
    models = require(modelModule(manifest.apiVersion)) as Record<string, unknown>;
  } catch {
    return [`${label(manifest)}: unknown apiVersion ${manifest.apiVersion}`];
  }
  const Model = models[manifest.kind] as (new (data: unknown) => { validate(): void }) | undefined;
  if (!Model) return [`${label(manifest)}: ${manifest.apiVersion} has no kind ${manifest.kind}`];
  try {
    new Model(manifest).validate();
    return [];
  } catch (error) {
    return [`${label(manifest)}: ${(error as Error).message}`];
  }
}

/** TypeScript excess-property errors for each manifest, one program for all of them. */
export function unknownFieldErrors(manifests: Manifest[]): string[] {
  const dir = __dirname;
  const files = new Map<string, { manifest: Manifest; text: string }>();
  manifests.forEach((manifest, index) => {
    const file = path.join(dir, `__manifest_${index}.ts`);
    const text = [
      `import type { I${manifest.kind} } from '${modelModule(manifest.apiVersion)}';`,
      `export const manifest: I${manifest.kind} = ${JSON.stringify(manifest, null, 2)};`,
    ].join('\n');
    files.set(file, { manifest, text });
  });
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const virtual = files.get(fileName);
    return virtual
      ? ts.createSourceFile(fileName, virtual.text, languageVersion)
      : getSourceFile(fileName, languageVersion, ...rest);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => files.has(fileName) || fileExists(fileName);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => files.get(fileName)?.text ?? readFile(fileName);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const virtual = diagnostic.file && files.get(diagnostic.file.fileName);
    const where = virtual ? label(virtual.manifest) : (diagnostic.file?.fileName ?? 'compiler');
    return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}
