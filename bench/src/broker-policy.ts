import { execFile } from 'node:child_process';

// Classic queues in format version 2 cost RabbitMQ 3.x about a quarter less CPU per confirmed
// persistent publish (SCALING.md); RabbitMQ 4 knows no other. A 3.x server gets it through a policy,
// which the bench sets on a broker of this machine itself, so a fresh machine measures the same.

export const QUEUE_VERSION_POLICY = {
  name: 'bench-cqv2',
  pattern: '^bench_',
  definition: '{"queue-version":2}',
};

/** The arguments of `rabbitmqctl` that set the policy for the bench's queues. */
export function policyArguments(): string[] {
  const { name, pattern, definition } = QUEUE_VERSION_POLICY;
  return ['set_policy', '--apply-to', 'queues', name, pattern, definition];
}

/** True for a broker on this machine, the one `rabbitmqctl` here talks to. */
export function isLocalBroker(rabbitUrl: string): boolean {
  const host = new URL(rabbitUrl).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/**
 * Sets the policy when the broker is local and `rabbitmqctl` is available; says what happened, for
 * the run's report.
 */
export function ensureQueueVersionPolicy(rabbitUrl: string): Promise<string> {
  const { name } = QUEUE_VERSION_POLICY;
  if (!isLocalBroker(rabbitUrl))
    return Promise.resolve(
      `RabbitMQ is not on this machine: the bench did not set its policy ${name} (queue-version 2); a 3.x broker measures more CPU per message without it.`,
    );
  return new Promise((resolve) => {
    execFile('rabbitmqctl', policyArguments(), { timeout: 30_000 }, (error) =>
      resolve(
        error
          ? `The bench could not set RabbitMQ's policy ${name} (queue-version 2 for ^bench_ queues): ${error.message.split('\n')[0]}; a 3.x broker measures more CPU per message without it.`
          : `The bench set RabbitMQ's policy ${name} (queue-version 2 for ^bench_ queues) with rabbitmqctl at its start.`,
      ),
    );
  });
}
