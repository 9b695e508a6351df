import { DependencyDownError } from '@taskbot/errors/failure';

/**
 * The broker could not take a message (not connected, refused, or no confirm in time): in the one
 * error taxonomy (@taskbot/errors), the broker is a dependency that is down.
 */
export class BrokerUnavailableError extends DependencyDownError {
  override name = 'BrokerUnavailableError';

  constructor(message: string, options?: ErrorOptions) {
    super('broker', message, options);
  }
}
