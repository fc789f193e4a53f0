import { describe, expect, it } from '@jest/globals';
import { broken } from './broken';
import { compliantTemplate } from './compliantTemplate';

describe('platform-owned resources', () => {
  it("rejects a second definition of the stage's bus in another service", () => {
    const template = compliantTemplate();
    template.Resources.SpendwisedevEventBridgeEventBus = {
      Type: 'AWS::Events::EventBus',
      Properties: { Name: 'spendwise-dev' },
    };

    expect(broken(template, 'expenses')).toEqual(['platform-owned SpendwisedevEventBridgeEventBus']);
  });

  it('rejects an ops-alerts topic outside platform', () => {
    const template = compliantTemplate();
    template.Resources.Ops = {
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: 'spendwise-dev-ops-alerts' },
    };

    expect(broken(template, 'expenses')).toEqual(['platform-owned Ops']);
  });

  it('lets platform define them', () => {
    const template = compliantTemplate();
    template.Resources.EventBus = { Type: 'AWS::Events::EventBus', Properties: { Name: 'spendwise-dev' } };

    expect(broken(template, 'platform')).toEqual([]);
  });
});
