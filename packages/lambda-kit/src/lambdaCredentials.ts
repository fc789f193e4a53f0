/**
 * Stands in for `@aws-sdk/credential-provider-node` in Lambda bundles (ADR 4): each service's serverless-esbuild
 * config aliases that package to this module, so every SDK client resolves its credentials from the variables the
 * Lambda runtime (and the local cloud) set, without bundling the SSO / INI / process / web-identity / IMDS chain
 * and its nested STS and SSO clients (~135 KB minified).
 *
 * @example
 * // services/<name>/serverless.yml
 * // custom.esbuild.alias: { '@aws-sdk/credential-provider-node': '@spendwise/lambda-kit/lambdaCredentials' }
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
