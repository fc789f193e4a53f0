/**
 * Reads SSM parameters of another region for a CloudFormation custom resource (`Custom::CrossRegionParameters`):
 * the edge stack lives in us-east-1 (CloudFront's WAF, certificate and metrics are there) while the service
 * APIs publish their domains as parameters in their own region, which `{{resolve:ssm:…}}` cannot reach
 * (docs/adr/0009-edge-in-us-east-1.md).
 */

/** The custom resource's properties. */
export interface ReadParametersProperties {
  /** Region to read from. */
  Region: string;
  /** Attribute name → parameter name, e.g. `{ expenses: '/spendwise/dev/apis/expenses/domain' }`. */
  Parameters: Record<string, string>;
}

/** GetParameters, behind a port: names → found values, and the names that do not exist. */
export type GetParameters = (
  region: string,
  names: string[],
) => Promise<{ values: Record<string, string>; missing: string[] }>;

/** Fails with every missing parameter named, so the stack event says what to deploy first. */
export async function readParameters(
  properties: ReadParametersProperties,
  getParameters: GetParameters,
): Promise<Record<string, string>> {
  const entries = Object.entries(properties.Parameters ?? {});
  if (!properties.Region || entries.length === 0) {
    throw new Error('Region and at least one entry of Parameters are required');
  }
  const names = [...new Set(entries.map(([, name]) => name))];
  const values: Record<string, string> = {};
  const missing: string[] = [];
  // GetParameters takes at most 10 names per call.
  for (let start = 0; start < names.length; start += 10) {
    const page = await getParameters(properties.Region, names.slice(start, start + 10));
    Object.assign(values, page.values);
    missing.push(...page.missing);
  }
  if (missing.length > 0) {
    throw new Error(
      `SSM parameter(s) ${missing.join(', ')} do not exist in ${properties.Region}: deploy the service(s) that publish them first`,
    );
  }
  return Object.fromEntries(entries.map(([attribute, name]) => [attribute, values[name]!]));
}
