import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One e-mail the local cloud's SNS wrote to its outbox instead of sending it. */
export interface LocalEmail {
  file: string;
  to: string;
  subject: string;
  body: string;
}

const header = (text: string, name: string): string =>
  text.match(new RegExp(`^${name}: (.*)$`, 'm'))?.[1]?.trim() ?? '';

/**
 * The e-mails in the local cloud's outbox folder addressed to `to`, oldest first. A folder that does not exist
 * yet holds no e-mail.
 *
 * @example
 * const mails = await emailsTo(endpoints.outbox, 'alice@example.com');
 */
export async function emailsTo(outboxDir: string, to: string): Promise<LocalEmail[]> {
  const names = await readdir(outboxDir).catch(() => [] as string[]);
  const mails: LocalEmail[] = [];
  for (const name of names.filter((n) => n.endsWith('.eml')).sort()) {
    const text = await readFile(join(outboxDir, name), 'utf8');
    if (header(text, 'To') !== to) continue;
    const bodyStart = text.indexOf('\r\n\r\n');
    mails.push({
      file: join(outboxDir, name),
      to,
      subject: header(text, 'Subject'),
      body:
        bodyStart >= 0
          ? text
              .slice(bodyStart + 4)
              .split('\r\n--\r\n')[0]!
              .trim()
          : '',
    });
  }
  return mails;
}
