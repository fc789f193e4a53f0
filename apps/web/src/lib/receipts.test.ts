import { describe, expect, it } from '@jest/globals';
import { fileProblem, receiptIdOf, receiptTypeOf, uploadProblem, waitFor } from './receipts';

describe('receipt files in the web app', () => {
  it('accepts the receipt types, and HEIC by its extension when the browser gives no type', () => {
    expect(receiptTypeOf({ type: 'image/png', name: 'a.png' })).toBe('image/png');
    expect(receiptTypeOf({ type: '', name: 'IMG_0001.HEIC' })).toBe('image/heic');
    expect(receiptTypeOf({ type: 'image/gif', name: 'a.gif' })).toBeUndefined();
    expect(receiptTypeOf({ type: '', name: 'receipt.pdf' })).toBeUndefined();
  });

  it('refuses a file before sending it: wrong type, empty, over 10 MB', () => {
    expect(fileProblem({ type: 'image/gif', name: 'a.gif', size: 10 })).toMatch(/JPEG, PNG, WebP or HEIC/);
    expect(fileProblem({ type: 'image/png', name: 'a.png', size: 0 })).toBe('This file is empty.');
    expect(fileProblem({ type: 'application/pdf', name: 'a.pdf', size: 12 * 1024 * 1024 })).toBe(
      'This file is 12.0 MB; a receipt can be at most 10 MB.',
    );
    expect(fileProblem({ type: 'application/pdf', name: 'a.pdf', size: 10 * 1024 * 1024 })).toBeUndefined();
  });

  it("explains S3's refusals and reads the receipt id from the pinned key", () => {
    expect(uploadProblem(400, 'EntityTooLarge')).toBe('The file is larger than 10 MB.');
    expect(uploadProblem(403, 'AccessDenied')).toMatch(/expired/);
    expect(receiptIdOf({ fields: { key: 'receipts/u/e/r-1' } })).toBe('r-1');
  });

  it('waits until the check gives a value, and gives up after the bounded wait', async () => {
    let calls = 0;
    const found = await waitFor(async () => (++calls === 3 ? 'attached' : undefined), { firstDelayMs: 1 });
    const never = await waitFor(async () => undefined, { timeoutMs: 20, firstDelayMs: 1 });

    expect(found).toBe('attached');
    expect(calls).toBe(3);
    expect(never).toBeUndefined();
  });
});
