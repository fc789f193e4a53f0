import { describe, expect, it } from '@jest/globals';
import type { Catalogue, EventSchema } from './catalogue';
import { type PublishedCatalogue, planPublish } from './published';
import type { JsonSchema } from './schemaWalk';

function thingDone(version: number, data: JsonSchema): EventSchema {
  const file = `events/things/ThingDone.v${version}.schema.json`;
  const id = `https://schemas.spendwise.dev/${file}`;
  const schema = { $id: id, type: 'object', required: ['data'], properties: { data } };
  return {
    file,
    id,
    schema,
    service: 'things',
    source: 'spendwise.things',
    detailType: 'ThingDone',
    version,
    typeName: `ThingDoneV${version}`,
  };
}

function catalogueOf(...events: EventSchema[]): Catalogue {
  return { common: [], http: [], events, byId: new Map(events.map((event) => [event.id, event])) };
}

const v1 = thingDone(1, { type: 'object', required: ['id'], properties: { id: { type: 'string' } } });
const publishedV1: PublishedCatalogue = planPublish({ $comment: '', versions: {} }, catalogueOf(v1)).next;

describe('planPublish', () => {
  it('adds the fingerprint of a version published for the first time', () => {
    const plan = planPublish({ $comment: '', versions: {} }, catalogueOf(v1));

    expect(plan.added).toEqual(['ThingDone.v1']);
    expect(plan.next.versions['ThingDone.v1']).toEqual({
      schema: 'events/things/ThingDone.v1.schema.json',
      fields: { data: 'required object', 'data.id': 'required string' },
    });
  });

  it('records an optional field added to a published version', () => {
    const extended = thingDone(1, {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string' }, note: { type: 'string' } },
    });

    const plan = planPublish(publishedV1, catalogueOf(extended));

    expect(plan.extended).toEqual(['ThingDone.v1']);
    expect(plan.breaking).toEqual([]);
  });

  it('reports a published version whose field was retyped, so nothing is written', () => {
    const retyped = thingDone(1, {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'integer' } },
    });

    const plan = planPublish(publishedV1, catalogueOf(retyped));

    expect(plan.breaking.map(({ key, changes }) => [key, changes.map((change) => change.kind)])).toEqual([
      ['ThingDone.v1', ['retyped']],
    ]);
  });

  it('publishes the incompatible change as a new version instead', () => {
    const v2 = thingDone(2, { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } });

    const plan = planPublish(publishedV1, catalogueOf(v1, v2));

    expect(plan.breaking).toEqual([]);
    expect(plan.added).toEqual(['ThingDone.v2']);
  });

  it('reports a published version whose schema file is gone', () => {
    const plan = planPublish(publishedV1, catalogueOf());

    expect(plan.missing).toEqual(['ThingDone.v1']);
  });
});
