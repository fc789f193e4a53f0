import type { LocalCloud } from '../core/context';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../core/resources';
import { explicitName, generatedName } from '../deploy/physical';

/**
 * Providers that create nothing but give every resource type an engine would create the Ref and attributes that
 * engine gives (a queue's URL and ARN, a table's name, ARN and stream ARN, a rule's ARN on its bus…), so the
 * packaged templates deploy with real-looking ARNs and no engine: for tests of what is read from deployed
 * resources (IAM's policies). SSM parameters land in `ctx.ssm` for `{{resolve:ssm:…}}`.
 */
export function namingProviders(): ResourceProvider[] {
  const create = async (resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource> => {
    const { region, accountId, host, awsPort } = ctx.config;
    const stackName = `spendwise-${resource.stack}-${ctx.config.stage}`;
    const name = (key?: string, max = 64) =>
      (key ? (resource.properties[key] as string | undefined) : undefined) ??
      explicitName(resource) ??
      generatedName({ stackName, region, accountId }, resource.logicalId, max);
    const arn = (service: string, rest: string) => `arn:aws:${service}:${region}:${accountId}:${rest}`;
    const p = resource.properties;
    switch (resource.type) {
      case 'AWS::SQS::Queue': {
        const queue = name('QueueName', 80);
        const url = `http://${host}:${awsPort}/${accountId}/${queue}`;
        return { ref: url, attributes: { Arn: arn('sqs', queue), QueueName: queue, QueueUrl: url } };
      }
      case 'AWS::SNS::Topic': {
        const topic = name('TopicName', 256);
        return { ref: arn('sns', topic), attributes: { TopicArn: arn('sns', topic), TopicName: topic } };
      }
      case 'AWS::Events::EventBus':
        return {
          ref: name('Name'),
          attributes: { Arn: arn('events', `event-bus/${name('Name')}`), Name: name('Name') },
        };
      case 'AWS::Events::Rule': {
        const bus = typeof p.EventBusName === 'string' ? p.EventBusName.split('/').pop()! : 'default';
        const rule = name('Name');
        const path = bus === 'default' ? `rule/${rule}` : `rule/${bus}/${rule}`;
        return { ref: bus === 'default' ? rule : `${bus}|${rule}`, attributes: { Arn: arn('events', path) } };
      }
      case 'AWS::Events::Archive':
        return {
          ref: name('ArchiveName'),
          attributes: { Arn: arn('events', `archive/${name('ArchiveName')}`) },
        };
      case 'AWS::Lambda::Function': {
        const fn = name('FunctionName');
        return { ref: fn, attributes: { Arn: arn('lambda', `function:${fn}`) } };
      }
      case 'AWS::DynamoDB::Table': {
        const table = name('TableName', 255);
        return {
          ref: table,
          attributes: {
            Arn: arn('dynamodb', `table/${table}`),
            StreamArn: arn('dynamodb', `table/${table}/stream/2026-01-01T00:00:00.000`),
          },
        };
      }
      case 'AWS::StepFunctions::StateMachine': {
        const machine = name('StateMachineName', 80);
        const machineArn = arn('states', `stateMachine:${machine}`);
        return { ref: machineArn, attributes: { Arn: machineArn, Name: machine } };
      }
      case 'AWS::Scheduler::Schedule': {
        const group = typeof p.GroupName === 'string' ? p.GroupName : 'default';
        return {
          ref: name('Name'),
          attributes: { Arn: arn('scheduler', `schedule/${group}/${name('Name')}`) },
        };
      }
      case 'AWS::SecretsManager::Secret': {
        const secretArn = arn('secretsmanager', `secret:${name('Name')}-AbCdEf`);
        return { ref: secretArn, attributes: { Id: secretArn } };
      }
      case 'AWS::CloudWatch::Alarm':
        return {
          ref: name('AlarmName'),
          attributes: { Arn: arn('cloudwatch', `alarm:${name('AlarmName')}`) },
        };
      case 'AWS::SSM::Parameter':
        ctx.ssm.put(String(p.Name), String(p.Value));
        return { ref: String(p.Name), attributes: { Value: p.Value, Type: p.Type } };
      case 'AWS::Cognito::UserPool':
        return {
          ref: `${region}_LOCAL`,
          attributes: {
            Arn: arn('cognito-idp', `userpool/${region}_LOCAL`),
            ProviderURL: `cognito-idp.${region}.amazonaws.com/${region}_LOCAL`,
            ProviderName: `cognito-idp.${region}.amazonaws.com/${region}_LOCAL`,
          },
        };
      case 'AWS::ApiGatewayV2::Api': {
        const id = generatedName({ stackName, region, accountId }, resource.logicalId)
          .slice(-10)
          .toLowerCase();
        return {
          ref: id,
          attributes: { ApiEndpoint: `https://${id}.execute-api.${region}.amazonaws.com`, ApiId: id },
        };
      }
      default: {
        const any = `${resource.stack}-${resource.logicalId}`;
        return {
          ref: any,
          attributes: new Proxy({} as Record<string, unknown>, {
            get: (_target, key) => (typeof key === 'string' ? `${any}.${key}` : undefined),
          }),
        };
      }
    }
  };
  return [{ types: [...NAMED_TYPES], create }];
}

/** The types an engine creates (the deployer accepts or reports the rest by itself). */
const NAMED_TYPES = [
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::SNS::Subscription',
  'AWS::Events::EventBus',
  'AWS::Events::Archive',
  'AWS::Events::Rule',
  'AWS::CloudWatch::Alarm',
  'AWS::Cognito::UserPool',
  'AWS::Cognito::UserPoolDomain',
  'AWS::Cognito::UserPoolResourceServer',
  'AWS::Cognito::UserPoolClient',
  'AWS::Lambda::Function',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Stage',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Route',
  'AWS::DynamoDB::Table',
  'AWS::Scheduler::Schedule',
  'AWS::StepFunctions::StateMachine',
  'AWS::SecretsManager::Secret',
  'AWS::SSM::Parameter',
  'Custom::CrossRegionParameters',
];
