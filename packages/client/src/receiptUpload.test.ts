import { describe, expect, it } from '@jest/globals';
import { ReceiptUploadError, receiptForm, uploadReceipt } from './receiptUpload';

const upload = {
  url: 'https://bucket.s3.eu-west-1.amazonaws.com/',
  fields: {
    key: 'receipts/u/e/r',
    'Content-Type': 'image/png',
    Policy: 'cG9saWN5',
    'X-Amz-Signature': 'sig',
  },
};

describe('receipt upload', () => {
  it('puts every policy field before the file, the file last', () => {
    const form = receiptForm(upload, new Blob(['png'], { type: 'image/png' }));

    expect([...form.keys()]).toEqual(['key', 'Content-Type', 'Policy', 'X-Amz-Signature', 'file']);
    expect(form.get('key')).toBe('receipts/u/e/r');
  });

  it('posts the form to the presigned URL and turns an S3 refusal into its code', async () => {
    const sent: { url: string; method?: string; body: unknown }[] = [];
    const refuse: typeof fetch = async (url, init) => {
      sent.push({ url: String(url), method: init?.method, body: init?.body });
      return new Response('<Error><Code>EntityTooLarge</Code></Error>', { status: 400 });
    };

    const failure = await uploadReceipt(upload, new Blob(['x']), refuse).catch((error: unknown) => error);

    expect(sent[0]).toMatchObject({ url: upload.url, method: 'POST' });
    expect(sent[0]?.body).toBeInstanceOf(FormData);
    expect(failure).toBeInstanceOf(ReceiptUploadError);
    expect(failure).toMatchObject({ status: 400, code: 'EntityTooLarge' });
  });

  it('resolves when S3 accepts the upload (204)', async () => {
    const accept: typeof fetch = async () => new Response(null, { status: 204 });

    await expect(uploadReceipt(upload, new Blob(['x']), accept)).resolves.toBeUndefined();
  });
});
