import { describe, expect, it } from '@jest/globals';
import { localCsp } from './localCsp';

describe('localCsp', () => {
  it('lets the app reach the local issuer and drops upgrade-insecure-requests', () => {
    const deployed =
      "default-src 'self'; connect-src 'self' https://cognito-idp.eu-west-1.amazonaws.com; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests";

    expect(localCsp(deployed, 'http://127.0.0.1:4566')).toBe(
      "default-src 'self'; connect-src 'self' https://cognito-idp.eu-west-1.amazonaws.com http://127.0.0.1:4566; form-action 'self' http://127.0.0.1:4566; frame-ancestors 'none'",
    );
  });

  it("points the receipts bucket's S3 origin at the local S3 on the AWS endpoint", () => {
    const deployed =
      "img-src 'self' data: https://spendwise-dev-receipts-123456789012.s3.eu-west-1.amazonaws.com; connect-src 'self' https://spendwise-dev-receipts-123456789012.s3.eu-west-1.amazonaws.com";

    expect(localCsp(deployed, 'http://127.0.0.1:4566')).toBe(
      "img-src 'self' data: http://127.0.0.1:4566; connect-src 'self' http://127.0.0.1:4566",
    );
  });

  it('changes nothing when there is nothing to change', () => {
    expect(localCsp("default-src 'self'; img-src data:", 'http://127.0.0.1:4566')).toBeUndefined();
  });
});
