import type { CreatedResource, ResolvedResource, ResourceProvider } from '../core/resources';
import type { ParameterStoreEngine } from './parameterStore';

/**
 * `Custom::CrossRegionParameters` (services/edge): on AWS a Lambda-backed custom resource that reads SSM
 * parameters of another region and answers them as attributes. The local cloud has one region, so it reads
 * the local Parameter Store directly (the Lambda is deployed but not called): same attributes, same failure
 * when a parameter is missing.
 */
export class CrossRegionParametersProvider implements ResourceProvider {
  readonly types = ['Custom::CrossRegionParameters'] as const;

  constructor(private readonly store: ParameterStoreEngine) {}

  async create(resource: ResolvedResource): Promise<CreatedResource> {
    const parameters = (resource.properties.Parameters ?? {}) as Record<string, string>;
    const attributes: Record<string, string> = {};
    const missing: string[] = [];
    for (const [attribute, name] of Object.entries(parameters)) {
      const value = this.store.get(name);
      if (value === undefined) missing.push(name);
      else attributes[attribute] = value;
    }
    if (missing.length > 0) {
      throw new Error(
        `${resource.logicalId}: SSM parameter(s) ${missing.join(', ')} do not exist: deploy the service(s) that publish them first`,
      );
    }
    return { ref: `${resource.logicalId}-parameters`, attributes };
  }
}
