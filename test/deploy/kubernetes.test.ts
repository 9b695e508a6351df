import fs from 'node:fs';
import { parseEnv } from 'node:util';
import { rabbitEnv, retryEnv } from '@taskbot/config/env';
import { loadConfig } from '@taskbot/config/load-config';
import { topology, type WorkQueue } from '@taskbot/messaging/topology';
import { schemaErrors, unknownFieldErrors } from './support/kubernetes-schema';
import { type Container, type Manifest, podSpec, renderKustomization, splitImage } from './support/kustomize';
import {
  IMAGES,
  knownEnvNames,
  readRepoFile,
  repoPath,
  type ServiceName,
  serviceEnvNames,
  serviceSchemas,
  WORKER_QUEUES,
} from './support/repo';

const VARIANTS = ['base', 'dev', 'prod'] as const;
const rendered = Object.fromEntries(
  VARIANTS.map((variant) => [variant, renderKustomization(repoPath('deploy/k8s', variant))]),
) as Record<(typeof VARIANTS)[number], Manifest[]>;

const find = (manifests: Manifest[], kind: string, name: string) => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`${kind}/${name} is missing`);
  return found;
};

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string };
  };
}
interface EnvFrom {
  configMapRef?: { name: string };
  secretRef?: { name: string };
}

/** Secret keys: the dev overlay ships its Secret; prod's is made from prod/secret.env.example. */
function secretKeys(variant: string, manifests: Manifest[]): Map<string, string> | undefined {
  const secret = manifests.find((m) => m.kind === 'Secret' && m.metadata.name === 'taskbot-secrets');
  if (secret) return new Map(Object.entries((secret.stringData ?? {}) as Record<string, string>));
  if (variant !== 'prod') return undefined;
  const keys = Object.keys(parseEnv(readRepoFile('deploy/k8s/prod/secret.env.example')));
  // Values shaped like real ones, so the services' own schemas can parse the environment.
  const sample: Record<string, string> = {
    TELEGRAM_BOT_TOKEN: '123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    TELEGRAM_WEBHOOK_SECRET: '5b1f0c9e7a3d48e2b6c4f0a19d8e7c3b2a1f0e9d8c7b6a5f',
    DATABASE_URL: 'postgres://taskbot:secret@db.example.com:5432/taskbot',
    RABBITMQ_URL: 'amqp://taskbot:secret@rabbitmq.example.com:5672',
    RABBITMQ_MANAGEMENT_URL: 'http://taskbot:secret@rabbitmq.example.com:15672',
    REDIS_URL: 'redis://redis.example.com:6379',
    ADMIN_TOKEN: '0f9e8d7c6b5a49382716f5e4d3c2b1a0',
  };
  return new Map(keys.map((key) => [key, sample[key] ?? 'x']));
}

/** The environment a container starts with: its ConfigMaps' data, then `env`, as the kubelet builds it. */
function containerEnv(manifests: Manifest[], container: Container, secrets: Map<string, string> | undefined) {
  const env: Record<string, string> = {};
  const problems: string[] = [];
  for (const source of (container.envFrom as EnvFrom[] | undefined) ?? []) {
    if (source.secretRef) problems.push('takes a whole Secret with envFrom; name each key with secretKeyRef');
    if (!source.configMapRef) continue;
    const map = manifests.find(
      (m) => m.kind === 'ConfigMap' && m.metadata.name === source.configMapRef?.name,
    );
    if (!map) problems.push(`ConfigMap ${source.configMapRef.name} does not exist`);
    Object.assign(env, (map?.data ?? {}) as Record<string, string>);
  }
  for (const variable of (container.env as EnvVar[] | undefined) ?? []) {
    const fromMap = variable.valueFrom?.configMapKeyRef;
    if (fromMap) {
      const map = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === fromMap.name);
      const value = (map?.data as Record<string, string> | undefined)?.[fromMap.key];
      if (value === undefined) problems.push(`ConfigMap key ${fromMap.name}/${fromMap.key} does not exist`);
      else env[variable.name] = value;
      continue;
    }
    const ref = variable.valueFrom?.secretKeyRef;
    if (!ref) {
      env[variable.name] = variable.value ?? '';
      continue;
    }
    if (ref.name !== 'taskbot-secrets')
      problems.push(`${variable.name} reads the unknown Secret ${ref.name}`);
    const value = secrets?.get(ref.key);
    if (value === undefined && secrets && !ref.optional)
      problems.push(`Secret key ${ref.key} does not exist`);
    if (value !== undefined) env[variable.name] = value;
  }
  return { env, problems };
}

const workloads = (manifests: Manifest[]) =>
  manifests.filter((m) => m.kind === 'Deployment' || m.kind === 'Job') as Manifest[];

function serviceOf(manifest: Manifest): ServiceName {
  const name = manifest.kind === 'Job' ? 'migrate' : manifest.metadata.name;
  if (!(name in IMAGES)) throw new Error(`${manifest.kind}/${manifest.metadata.name} runs no known service`);
  return name as ServiceName;
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Whether a label selector picks a pod with these labels (the operators our manifests use). */
function selects(selector: LabelSelector, labels: Record<string, string>): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  return (
    byLabels &&
    (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      const label = labels[key];
      if (operator === 'In') return label !== undefined && values.includes(label);
      if (operator === 'NotIn') return label === undefined || !values.includes(label);
      if (operator === 'Exists') return label !== undefined;
      if (operator === 'DoesNotExist') return label === undefined;
      throw new Error(`unknown selector operator ${operator}`);
    })
  );
}

/** The queue settings the services share, parsed as the services parse them. */
function queueSettings(manifests: Manifest[]) {
  const shared = find(manifests, 'ConfigMap', 'taskbot-config').data as Record<string, string>;
  const worker = find(manifests, 'ConfigMap', 'command-worker-config').data as Record<string, string>;
  return {
    prefix: rabbitEnv.QUEUE_PREFIX.parse(shared.QUEUE_PREFIX),
    partitions: rabbitEnv.QUEUE_PARTITIONS.parse(shared.QUEUE_PARTITIONS),
    delays: retryEnv.RETRY_DELAYS_MS.parse(worker.RETRY_DELAYS_MS),
  };
}

/**
 * Every queue on a broker these services share: each kind's partitions, its plain name, its dead
 * queue and the retry queues, and the same for another deployment on that broker (another prefix).
 */
function brokerQueues(prefix: string, partitions: number, delays: number[]): string[] {
  return [topology(prefix, partitions), topology(`other-${prefix}`, partitions)].flatMap((layout) => [
    ...(Object.keys(layout.queues) as WorkQueue[]).flatMap((kind) => [
      ...layout.partitionQueues(kind),
      layout.queues[kind],
      layout.deadQueue(layout.queues[kind]),
    ]),
    ...delays.map((ms) => layout.retryQueue(ms)),
  ]);
}

/** The queues a KEDA trigger's queueName regular expression (useRegex) selects. */
const queuesMatching = (pattern: string, queues: string[]) =>
  [...new Set(queues.filter((queue) => new RegExp(pattern).test(queue)))].sort();

describe('Kubernetes manifests', () => {
  const all = VARIANTS.flatMap((variant) => rendered[variant]);

  it('every rendered manifest of base, dev and prod matches the Kubernetes and KEDA schemas', () => {
    expect(all.flatMap(schemaErrors)).toEqual([]);
  });

  it('no rendered manifest has a field the Kubernetes or KEDA API does not define', () => {
    expect(unknownFieldErrors(all)).toEqual([]);
  });

  it.each(VARIANTS)(
    '%s has a Deployment per app, a Service, PDBs, an HPA, ScaledObjects and a migration Job',
    (variant) => {
      const manifests = rendered[variant];
      for (const app of ['gateway', 'command-worker', 'callback-worker', 'ops']) {
        find(manifests, 'Deployment', app);
        const pdb = find(manifests, 'PodDisruptionBudget', app);
        expect(pdb.spec).toMatchObject({ selector: { matchLabels: { 'app.kubernetes.io/name': app } } });
      }
      find(manifests, 'Service', 'gateway');
      expect(find(manifests, 'HorizontalPodAutoscaler', 'gateway').spec).toMatchObject({
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' },
      });
      find(manifests, 'Job', 'taskbot-migrate');
      if (variant !== 'base') {
        const namespace = manifests.find((m) => m.kind === 'Namespace')?.metadata.name;
        expect(namespace).toBeDefined();
        for (const m of manifests.filter((m) => m.kind !== 'Namespace'))
          expect(m.metadata.namespace).toBe(namespace);
      }
    },
  );

  it.each(VARIANTS)(
    '%s: every container runs non-root on a read-only filesystem with probes and resources',
    (variant) => {
      for (const workload of workloads(rendered[variant])) {
        const spec = podSpec(workload);
        const where = `${variant} ${workload.kind}/${workload.metadata.name}`;
        expect({ where, pod: spec?.securityContext }).toMatchObject({
          where,
          pod: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
        });
        for (const container of spec?.containers ?? []) {
          expect({ where, security: container.securityContext }).toEqual({
            where,
            security: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: { drop: ['ALL'] },
            },
          });
          expect({ where, resources: container.resources }).toMatchObject({
            where,
            resources: {
              requests: { cpu: expect.any(String), memory: expect.any(String) },
              limits: { memory: expect.any(String) },
            },
          });
          if (workload.kind !== 'Deployment') continue;
          expect({
            where,
            liveness: container.livenessProbe,
            readiness: container.readinessProbe,
          }).toMatchObject({
            where,
            liveness: { httpGet: { path: '/healthz' } },
            readiness: { httpGet: { path: '/readyz' } },
          });
        }
      }
    },
  );

  it.each(VARIANTS)('%s: probes and Services point at the port each service listens on', (variant) => {
    const manifests = rendered[variant];
    const secrets = secretKeys(variant, manifests);
    for (const deployment of manifests.filter((m) => m.kind === 'Deployment')) {
      const service = serviceOf(deployment);
      const [container] = podSpec(deployment)?.containers ?? [];
      if (!container) throw new Error(`${deployment.metadata.name} has no container`);
      const { env } = containerEnv(manifests, container, secrets);
      const listening = Number(service === 'gateway' ? env.PORT : env.HEALTH_PORT);
      const ports = (container.ports ?? []) as { name: string; containerPort: number }[];
      expect({ service, ports: ports.map((p) => p.containerPort) }).toEqual({
        service,
        ports: [listening, Number(env.ADMIN_PORT)],
      });
      const portName = ports[0]?.name;
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const port = (container[probe] as { httpGet?: { port: unknown } } | undefined)?.httpGet?.port;
        if (port !== undefined) expect({ service, probe, port }).toEqual({ service, probe, port: portName });
      }
    }
    const gatewayService = find(manifests, 'Service', 'gateway').spec as {
      selector: Record<string, string>;
      ports: { targetPort: string; name: string }[];
    };
    const gatewayPod = find(manifests, 'Deployment', 'gateway').spec as {
      template: { metadata: { labels: Record<string, string> } };
    };
    expect(gatewayPod.template.metadata.labels).toMatchObject(gatewayService.selector);
    expect(gatewayService.ports.map((p) => p.targetPort)).toEqual(['http']);
  });

  it.each(VARIANTS)(
    '%s: each container gets only variables its service reads, with values it accepts',
    (variant) => {
      const manifests = rendered[variant];
      const secrets = secretKeys(variant, manifests);
      const known = knownEnvNames();
      for (const workload of workloads(manifests)) {
        const service = serviceOf(workload);
        for (const container of podSpec(workload)?.containers ?? []) {
          const { env, problems } = containerEnv(manifests, container, secrets);
          expect({ service, problems }).toEqual({ service, problems: [] });
          const own = serviceEnvNames(service);
          const unknown = Object.keys(env).filter((name) => !own.has(name) || !known.has(name));
          expect({ service, unknown }).toEqual({ service, unknown: [] });
          if (service !== 'migrate' && secrets) {
            expect(() => loadConfig(serviceSchemas[service], env)).not.toThrow();
          }
        }
      }
    },
  );

  it.each(VARIANTS)('%s: Secret and ConfigMap keys are variables the services know', (variant) => {
    const known = knownEnvNames();
    const keys = rendered[variant]
      .filter((m) => m.kind === 'ConfigMap' || m.kind === 'Secret')
      .flatMap((m) => Object.keys({ ...(m.data ?? {}), ...(m.stringData ?? {}) } as object));
    if (variant === 'prod')
      keys.push(...Object.keys(parseEnv(readRepoFile('deploy/k8s/prod/secret.env.example'))));
    expect(keys.filter((key) => !known.has(key))).toEqual([]);
  });

  it.each(VARIANTS)('%s: containers run our images, built by docker/Dockerfile', (variant) => {
    for (const workload of workloads(rendered[variant])) {
      const [container] = podSpec(workload)?.containers ?? [];
      const image = splitImage(container?.image ?? '')[0];
      expect(image.endsWith(IMAGES[serviceOf(workload)].image)).toBe(true);
    }
  });

  it.each(VARIANTS)(
    '%s: KEDA scales each worker on the sum of its partition queues, up to QUEUE_PARTITIONS replicas',
    (variant) => {
      const manifests = rendered[variant];
      const { prefix, partitions, delays } = queueSettings(manifests);
      const layout = topology(prefix, partitions);
      const queues = brokerQueues(prefix, partitions, delays);
      const auth = find(manifests, 'TriggerAuthentication', 'taskbot-rabbitmq').spec as {
        secretTargetRef: { parameter: string; name: string; key: string }[];
      };
      expect(auth.secretTargetRef).toEqual([
        { parameter: 'host', name: 'taskbot-secrets', key: 'RABBITMQ_MANAGEMENT_URL' },
      ]);
      const managementUrl = secretKeys(variant, manifests)?.get('RABBITMQ_MANAGEMENT_URL');
      if (managementUrl !== undefined) expect(managementUrl).toMatch(/^https?:\/\/[^@/]+@[^/]+:\d+(\/.*)?$/);
      for (const [worker, consumed] of Object.entries(WORKER_QUEUES)) {
        for (const queue of consumed)
          expect(readRepoFile('apps', worker, 'src/main.ts')).toContain(`'${queue}'`);
        const scaled = find(manifests, 'ScaledObject', worker).spec as {
          scaleTargetRef: { name: string };
          minReplicaCount: number;
          maxReplicaCount: number;
          triggers: { type: string; metadata: Record<string, string>; authenticationRef: { name: string } }[];
        };
        find(manifests, 'Deployment', scaled.scaleTargetRef.name);
        expect(scaled.minReplicaCount).toBeGreaterThanOrEqual(1);
        expect(scaled.maxReplicaCount).toBeGreaterThanOrEqual(scaled.minReplicaCount);
        // One active consumer per partition: replicas past the partition count would only stand by.
        expect({ worker, max: scaled.maxReplicaCount }).toEqual({
          worker,
          max: Math.min(scaled.maxReplicaCount, layout.partitions),
        });
        for (const trigger of scaled.triggers) {
          expect(trigger).toMatchObject({
            type: 'rabbitmq',
            authenticationRef: { name: 'taskbot-rabbitmq' },
            metadata: {
              protocol: 'http',
              mode: 'QueueLength',
              useRegex: 'true',
              operation: 'sum',
              value: expect.stringMatching(/^\d+$/),
            },
          });
        }
        const selected = scaled.triggers.map((t) => queuesMatching(t.metadata.queueName ?? '', queues));
        const expected = consumed.map((kind) => [...layout.partitionQueues(kind)].sort());
        expect({ worker, selected: selected.sort() }).toEqual({ worker, selected: expected.sort() });
      }
    },
  );

  it.each(VARIANTS)(
    "%s: each service's admin port is named admin, takes ADMIN_TOKEN from the Secret and is scraped with it",
    (variant) => {
      const manifests = rendered[variant];
      const secrets = secretKeys(variant, manifests);
      const deployments = manifests.filter((m) => m.kind === 'Deployment');
      for (const deployment of deployments) {
        const service = serviceOf(deployment);
        const [container] = podSpec(deployment)?.containers ?? [];
        if (!container) throw new Error(`${deployment.metadata.name} has no container`);
        const { env } = containerEnv(manifests, container, secrets);
        const ports = (container.ports ?? []) as { name: string; containerPort: number }[];
        expect({ service, admin: ports.find((p) => p.name === 'admin')?.containerPort }).toEqual({
          service,
          admin: Number(env.ADMIN_PORT),
        });
        // Without a token the listener binds 127.0.0.1 and nothing outside the pod reaches it.
        const token = ((container.env ?? []) as EnvVar[]).find((v) => v.name === 'ADMIN_TOKEN');
        expect({ service, token: token?.valueFrom?.secretKeyRef }).toEqual({
          service,
          token: { name: 'taskbot-secrets', key: 'ADMIN_TOKEN' },
        });
        if (secrets && service !== 'migrate')
          expect(() => loadConfig(serviceSchemas[service], env)).not.toThrow();
        const annotations = (deployment.spec as { template: { metadata: { annotations?: object } } }).template
          .metadata.annotations;
        expect({ service, annotations }).toEqual({
          service,
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': env.ADMIN_PORT,
            'prometheus.io/path': '/metrics',
          },
        });
      }
      const monitors = manifests.filter((m) => m.kind === 'PodMonitor');
      if (variant === 'prod') expect(monitors).toHaveLength(1);
      for (const monitor of monitors) {
        const spec = monitor.spec as {
          selector: LabelSelector;
          podMetricsEndpoints: { port: string; path: string; authorization: unknown }[];
        };
        const picked = manifests
          .filter((m) => podSpec(m) !== undefined)
          .filter((m) =>
            selects(
              spec.selector,
              (m.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata
                .labels,
            ),
          )
          .map((m) => `${m.kind}/${m.metadata.name}`);
        expect(picked.sort()).toEqual(deployments.map((d) => `Deployment/${d.metadata.name}`).sort());
        expect(spec.podMetricsEndpoints).toEqual([
          expect.objectContaining({
            port: 'admin',
            path: '/metrics',
            authorization: { type: 'Bearer', credentials: { name: 'taskbot-secrets', key: 'ADMIN_TOKEN' } },
          }),
        ]);
      }
    },
  );

  it.each(VARIANTS)(
    '%s: every service reaches the servers it uses at the Secret addresses, not its local defaults',
    (variant) => {
      const manifests = rendered[variant];
      for (const workload of workloads(manifests)) {
        const service = serviceOf(workload);
        const own = serviceEnvNames(service);
        for (const container of podSpec(workload)?.containers ?? []) {
          const given = ((container.env ?? []) as EnvVar[])
            .filter((v) => v.valueFrom?.secretKeyRef?.name === 'taskbot-secrets')
            .map((v) => v.name);
          const servers = ['DATABASE_URL', 'RABBITMQ_URL', 'REDIS_URL'].filter((name) => own.has(name));
          expect({ service, missing: servers.filter((name) => !given.includes(name)) }).toEqual({
            service,
            missing: [],
          });
        }
      }
    },
  );

  it.each(VARIANTS)('%s: shutdown fits in the grace period (10 s stop plus any preStop pause)', (variant) => {
    for (const deployment of rendered[variant].filter((m) => m.kind === 'Deployment')) {
      const spec = podSpec(deployment) as { terminationGracePeriodSeconds?: number; containers: Container[] };
      const pause = spec.containers
        .map(
          (c) =>
            (c.lifecycle as { preStop?: { exec?: { command: string[] } } } | undefined)?.preStop?.exec
              ?.command,
        )
        .map((command) => (command?.[0] === 'sleep' ? Number(command[1]) : 0))
        .reduce((a, b) => Math.max(a, b), 0);
      expect(spec.terminationGracePeriodSeconds ?? 30).toBeGreaterThanOrEqual(10 + pause + 5);
    }
  });

  it.each(VARIANTS)(
    '%s: a polling gateway runs as exactly one replica, replaced rather than rolled',
    (variant) => {
      const manifests = rendered[variant];
      const mode = (find(manifests, 'ConfigMap', 'gateway-config').data as Record<string, string>)
        .TELEGRAM_MODE;
      const hpa = find(manifests, 'HorizontalPodAutoscaler', 'gateway').spec as { maxReplicas: number };
      const strategy = (find(manifests, 'Deployment', 'gateway').spec as { strategy?: { type: string } })
        .strategy;
      if (mode === 'polling') {
        expect(hpa.maxReplicas).toBe(1);
        expect(strategy?.type).toBe('Recreate');
      } else {
        expect(mode).toBe('webhook');
      }
    },
  );

  it('prod: the Ingress exposes only the webhook path, at the URL the gateway registers', () => {
    const manifests = rendered.prod;
    const url = new URL(
      (find(manifests, 'ConfigMap', 'gateway-config').data as Record<string, string>).TELEGRAM_WEBHOOK_URL ??
        '',
    );
    const ingress = find(manifests, 'Ingress', 'gateway').spec as {
      rules: {
        host: string;
        http: { paths: { path: string; backend: { service: { name: string; port: { name: string } } } }[] };
      }[];
    };
    expect(ingress.rules).toHaveLength(1);
    expect(ingress.rules[0]?.host).toBe(url.hostname);
    expect(ingress.rules[0]?.http.paths).toEqual([
      expect.objectContaining({
        path: url.pathname,
        backend: { service: { name: 'gateway', port: { name: 'http' } } },
      }),
    ]);
    expect(url.pathname).toBe('/telegram/webhook');
    expect(readRepoFile('apps/gateway/src/webhook-route.ts')).toContain("'/telegram/webhook'");
  });

  it.each(VARIANTS)('%s: the ops app has a ClusterIP Service on its admin port, in no Ingress', (variant) => {
    const manifests = rendered[variant];
    const service = find(manifests, 'Service', 'ops').spec as {
      type?: string;
      selector: Record<string, string>;
      ports: { port: number; targetPort: string }[];
    };
    expect(service.type ?? 'ClusterIP').toBe('ClusterIP');
    expect(service.selector).toEqual({ 'app.kubernetes.io/name': 'ops' });
    expect(service.ports.map((p) => p.targetPort)).toEqual(['admin']);
    const backends = manifests
      .filter((m) => m.kind === 'Ingress')
      .flatMap((m) => JSON.stringify(m.spec).match(/"name":"[^"]+"/g) ?? []);
    expect(backends).not.toContain('"name":"ops"');
    // The ops app finds every gateway replica's admin listener through a headless Service.
    const env = find(manifests, 'ConfigMap', 'ops-config').data as Record<string, string>;
    const url = new URL(env.OPS_GATEWAY_ADMIN_URL ?? '');
    const headless = find(manifests, 'Service', url.hostname).spec as {
      clusterIP?: string;
      selector: Record<string, string>;
      ports: { port: number; targetPort: string }[];
    };
    expect(headless.clusterIP).toBe('None');
    expect(headless.selector).toEqual({ 'app.kubernetes.io/name': 'gateway' });
    expect(headless.ports).toEqual([
      expect.objectContaining({ port: Number(url.port), targetPort: 'admin' }),
    ]);
    // It watches the queues the gateway and the workers use: the same layout and delay queues.
    const [container] = podSpec(find(manifests, 'Deployment', 'ops'))?.containers ?? [];
    if (!container) throw new Error('ops has no container');
    const { env: opsEnv } = containerEnv(manifests, container, secretKeys(variant, manifests));
    const shared = find(manifests, 'ConfigMap', 'taskbot-config').data as Record<string, string>;
    const worker = find(manifests, 'ConfigMap', 'command-worker-config').data as Record<string, string>;
    expect({
      QUEUE_PREFIX: opsEnv.QUEUE_PREFIX,
      QUEUE_PARTITIONS: opsEnv.QUEUE_PARTITIONS,
      RETRY_DELAYS_MS: opsEnv.RETRY_DELAYS_MS,
    }).toEqual({
      QUEUE_PREFIX: shared.QUEUE_PREFIX,
      QUEUE_PARTITIONS: shared.QUEUE_PARTITIONS,
      RETRY_DELAYS_MS: worker.RETRY_DELAYS_MS,
    });
  });

  it.each(VARIANTS)(
    '%s: only the gateway takes traffic from the ingress, metrics only from monitoring, servers only from the apps',
    (variant) => {
      interface Peer {
        podSelector?: LabelSelector;
        namespaceSelector?: { matchLabels: Record<string, string> };
      }
      interface Policy {
        podSelector: LabelSelector;
        policyTypes: string[];
        ingress?: { from: Peer[]; ports?: { port: string }[] }[];
      }
      const manifests = rendered[variant];
      const policies = manifests
        .filter((m) => m.kind === 'NetworkPolicy')
        .map((m) => m.spec as unknown as Policy);
      const denyAll = policies.find((p) => Object.keys(p.podSelector).length === 0);
      expect(denyAll).toMatchObject({ policyTypes: ['Ingress'] });
      expect(denyAll?.ingress ?? []).toEqual([]);
      /** Every (source namespace or pod, port) a pod with these labels may be reached from. */
      const allowedInto = (labels: Record<string, string>) =>
        policies
          .filter((p) => selects(p.podSelector, labels))
          .flatMap((p) => p.ingress ?? [])
          .flatMap((rule) =>
            rule.from.map((peer) => ({
              from: peer.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] ?? 'pods',
              peer,
              ports: (rule.ports ?? []).map((port) => port.port),
            })),
          );
      const podLabels = (name: string) => ({
        'app.kubernetes.io/part-of': 'taskbot',
        'app.kubernetes.io/name': name,
      });
      expect(allowedInto(podLabels('gateway')).map(({ from, ports }) => ({ from, ports }))).toEqual(
        expect.arrayContaining([
          { from: 'ingress-nginx', ports: ['http'] },
          { from: 'monitoring', ports: ['admin'] },
        ]),
      );
      // The gateway's admin port takes the ops app (its throughput and warnings) and nobody else.
      const gatewayPods = allowedInto(podLabels('gateway')).filter((s) => s.from === 'pods');
      expect(gatewayPods.map((s) => s.ports)).toEqual([['admin']]);
      const fromPods = gatewayPods[0]?.peer.podSelector ?? {};
      expect(selects(fromPods, podLabels('ops'))).toBe(true);
      expect(selects(fromPods, podLabels('command-worker'))).toBe(false);
      // The operations page: Prometheus on the admin port, an operator by port-forward; never the ingress.
      for (const worker of ['command-worker', 'callback-worker', 'ops', 'migrate']) {
        const sources = allowedInto(podLabels(worker));
        expect({ worker, ingress: sources.filter((s) => s.from === 'ingress-nginx') }).toEqual({
          worker,
          ingress: [],
        });
        for (const source of sources)
          expect({ worker, ...source }).toMatchObject({ worker, from: 'monitoring', ports: ['admin'] });
      }
      for (const server of ['postgres', 'mysql', 'redis', 'rabbitmq']) {
        const sources = allowedInto({ 'app.kubernetes.io/name': server });
        expect(sources.map((s) => s.from).sort()).toEqual(['keda', 'pods']);
        const pods = sources.find((s) => s.from === 'pods')?.peer.podSelector ?? {};
        for (const app of ['gateway', 'command-worker', 'callback-worker', 'ops', 'migrate'])
          expect({ server, app, allowed: selects(pods, podLabels(app)) }).toEqual({
            server,
            app,
            allowed: true,
          });
        expect(selects(pods, podLabels('someone-else'))).toBe(false);
      }
    },
  );

  it('prod: secret.env (filled in from secret.env.example) is kept out of Git', () => {
    expect(fs.readFileSync(repoPath('deploy/k8s/prod/.gitignore'), 'utf8').split('\n')).toContain(
      'secret.env',
    );
  });
});

describe('the Kubernetes checks themselves', () => {
  const deployment = () =>
    structuredClone(find(rendered.base, 'Deployment', 'gateway')) as Manifest & {
      spec: { template: { spec: { containers: Record<string, unknown>[] } } };
    };

  it('reject a field the API does not define', () => {
    const bad = deployment();
    (bad.spec as Record<string, unknown>).replica = 2;
    expect(unknownFieldErrors([bad]).join()).toMatch(/'"replica"' does not exist/);
  });

  it('reject a value of the wrong type', () => {
    const bad = deployment();
    bad.spec.template.spec.containers[0] = {
      ...bad.spec.template.spec.containers[0],
      ports: [{ containerPort: 'http' }],
    };
    expect(schemaErrors(bad).join()).toMatch(/containerPort must be integer/);
  });

  it('tell a queue regex that selects exactly the partitions of a kind from one that does not', () => {
    const queues = brokerQueues('', 4, [5000]);
    expect(queuesMatching('^telegram\\.\\d+$', queues)).toEqual(topology('', 4).partitionQueues('telegram'));
    // Unanchored or unescaped, a pattern also takes the dead queue, another prefix or other kinds.
    expect(queuesMatching('telegram-commands', queues)).toContain('telegram-commands.dead');
    expect(queuesMatching('telegram-commands\\.\\d+$', queues)).toContain('other-telegram-commands.0');
    expect(queuesMatching('^telegram.*\\d+$', queues)).toContain('telegram-callbacks.3');
  });

  it('match pods by label selectors as Kubernetes does', () => {
    const labels = { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/part-of': 'taskbot' };
    expect(selects({ matchLabels: { 'app.kubernetes.io/part-of': 'taskbot' } }, labels)).toBe(true);
    const named = (values: string[]) => ({
      matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values }],
    });
    expect(selects(named(['gateway', 'command-worker']), labels)).toBe(true);
    expect(selects(named(['migrate']), labels)).toBe(false);
  });

  it('reject a kind that does not exist', () => {
    expect(schemaErrors({ ...deployment(), kind: 'Deploymnet' })).toEqual([
      'Deploymnet/gateway: apps/v1 has no kind Deploymnet',
    ]);
  });
});
