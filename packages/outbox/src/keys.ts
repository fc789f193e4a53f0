/**
 * Where outbox records live in a service's table: their own partition per event, so they never collide with
 * the service's items and a stream filter can pick them out (`type = Outbox`).
 */
export const outboxKey = (eventId: string) => ({ PK: `OUTBOX#${eventId}`, SK: 'OUTBOX' });
