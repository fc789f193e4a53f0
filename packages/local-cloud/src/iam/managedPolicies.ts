/**
 * AWS managed policies the local cloud knows the statements of, by name (the ARN after `:policy/`).
 *
 * The IAM data has no managed policy documents, and the project's rule (packager invariant
 * `iam-managed-policy`) is to write statements inline so they can be checked: the only managed policies in the
 * templates are AWS Backup's service-role policies on the backup stack's role, which no local call acts as.
 * Their statements are not vendored: `collectPolicies` reports them as gaps (they grant nothing locally).
 *
 * Vendored here: the one a Lambda function's role most often carries, should a template use it. Source: the
 * policy's default version (v1) as IAM shows it (`aws iam get-policy-version --policy-arn
 * arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole --version-id v1`), unchanged since 2015.
 */
export const AWS_MANAGED_POLICIES: Readonly<
  Record<string, { Version: string; Statement: Record<string, unknown>[] }>
> = {
  'service-role/AWSLambdaBasicExecutionRole': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: '*',
      },
    ],
  },
};
