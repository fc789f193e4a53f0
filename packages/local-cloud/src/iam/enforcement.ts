/**
 * IAM on the local cloud's request path (issue 12, ADR 30): who each caller is, what each request and each
 * engine delivery is authorised for, and what was (or, in `report` mode, would have been) denied.
 *
 * - The gateway asks `authorizeRequest` for every AWS API call after its access checks, S3 asks `authorizeS3`;
 *   the caller is the function whose access key signed the request (`functionCredentials`), or the developer
 *   (`admin`, any other key).
 * - The engines ask `authorizeCall` before they deliver on behalf of a deployed resource (a rule target, an SNS
 *   subscription, a schedule, an alarm action, a state machine task, an event source mapping, an HTTP API
 *   route, a destination), as the principal AWS would authorise.
 * - The deployer asks `checkCreation` before it creates a resource AWS checks as CloudFormation creates it (an
 *   event source mapping's role, which Lambda refuses without the read permissions).
 *
 * Until the stacks are deployed (`load`) every call is allowed: the deployer's own work is the developer's.
 */
import { AwsApiError } from '../core/errors';
import type { IamPort } from '../core/ports';
import type { AwsRequest } from '../core/protocol';
import type { ResolvedResource } from '../core/resources';
import type { DeployedStack } from '../deploy/template';
import { Authorizer, allowingStatement, type Decision, type Principal } from './authorize';
import { functionCredentials, type LocalCredentials } from './credentials';
import { deliveryCalls } from './deliveries';
import { accessDenied } from './denial';
import { collectPolicies, type PolicyDocument, type PolicySet, type Statement } from './policies';
import {
  type AuthorizationCheck,
  authorizationChecks,
  type ContextValues,
  functionArn,
  requestInput,
  s3Operation,
} from './resources';

/** `enforce`: denials answer AccessDenied; `report`: allowed, but listed; `off`: nothing is evaluated. */
export type IamMode = 'enforce' | 'report' | 'off';
export const IAM_MODES: readonly IamMode[] = ['enforce', 'report', 'off'];
/** The mode `spendwise-local start` and `startLocalCloud` use unless told otherwise. */
export const DEFAULT_IAM_MODE: IamMode = 'enforce';

/** One call IAM denied (or, in `report` mode, would have denied). */
export interface DenialRecord {
  /** When it last happened. */
  at: string;
  /** How often the same caller was denied the same action on the same resource. */
  count: number;
  /** True when the call was refused; false when `report` mode let it through. */
  enforced: boolean;
  /** Who called, for a person: `function spendwise-dev-createExpense`, `rule … → …`, `state machine …`. */
  caller: string;
  principal: Principal;
  action: string;
  resource: string;
  context: ContextValues;
  decision: Decision['decision'];
  /** AWS's words: `User: … is not authorized to perform: … on resource: … because …`. */
  message: string;
  explanation: string;
  /** The statement that would allow the call (for the role's policy, or the resource's policy). */
  allowingStatement: Statement;
}

/** An engine's call on behalf of a deployed resource, as the principal AWS authorises it. */
export interface EngineCall {
  principal: Principal;
  /** Signing name of the service called: sqs, sns, lambda, states, events, dynamodb, bedrock… */
  service: string;
  operation: string;
  input: Record<string, unknown>;
  /** Added to every check's context (`aws:SourceArn`, `aws:SourceAccount`). */
  context?: ContextValues;
  /** Who calls, for the denial's record: `rule spendwise-dev-x → arn:…`. */
  caller: string;
}

/** What a denied engine call gives its engine: the error (code, AWS's message) to fail the way AWS fails. */
export interface EngineDenial {
  error: AwsApiError;
  record: DenialRecord;
}

const MAX_RECORDS = 1_000;

/**
 * What Lambda requires of a mapping's role per kind of source when the mapping is created, and how it refuses
 * (its InvalidParameterValueException messages).
 */
const MAPPING_SOURCES: readonly {
  matches: RegExp;
  actions: readonly string[];
  refusal(action: string, sourceArn: string): string;
}[] = [
  {
    matches: /^arn:[^:]+:sqs:/,
    actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
    refusal: (action) =>
      `The function execution role does not have permissions to call ${action.replace(/^sqs:/, '')} on SQS`,
  },
  {
    matches: /^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/[^/]+\/stream\//,
    actions: [
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:DescribeStream',
      'dynamodb:ListStreams',
    ],
    refusal: (_action, stream) =>
      `Cannot access stream ${stream}. Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions on your stream in IAM.`,
  },
];

export class IamEnforcement implements IamPort {
  private authorizer?: Authorizer;
  private policySet?: PolicySet;
  /** Access key → the function it was given to and the role it acts as. */
  private readonly keys = new Map<string, { functionName: string; principal: Principal }>();
  private readonly records: DenialRecord[] = [];
  /** Resource policies set at run time (a queue's `Policy` attribute), by ARN: the text last read. */
  private readonly livePolicies = new Map<string, string>();
  private liveLookup?: (arn: string) => string | undefined;
  /** DynamoDB Local's shard iterators are opaque: the stream each one reads, from the answers that gave it. */
  private readonly iterators = new Map<string, string>();

  constructor(
    readonly mode: IamMode,
    private readonly where: { region: string; accountId: string },
    private readonly options: {
      /** The local cloud's clock, for `aws:CurrentTime` (default the wall clock). */
      now?: () => number;
      /** Where a denial is printed (once per caller, action and resource while it is kept). */
      log?: (line: string) => void;
    } = {},
  ) {}

  /** Reads the deployed stacks' policies and gives every function its credentials. */
  load(stacks: readonly DeployedStack[]): PolicySet {
    const policies = collectPolicies(stacks, this.where);
    this.policySet = policies;
    this.authorizer = new Authorizer(policies, this.where, this.options.now ? { now: this.options.now } : {});
    this.keys.clear();
    for (const [functionName, arn] of policies.functionArns) {
      const role = policies.functionRoles.get(arn);
      if (!role) continue;
      this.keys.set(functionCredentials(this.where.accountId, functionName).AccessKeyId, {
        functionName,
        principal: role,
      });
    }
    return policies;
  }

  /**
   * Where the resource policies set at run time are read (a queue created with SetQueueAttributes' `Policy`, as a
   * test's tap queue subscribed to a topic); consulted for resources no deployed stack gives a policy.
   */
  useLivePolicies(lookup: (arn: string) => string | undefined): void {
    this.liveLookup = lookup;
  }

  get active(): boolean {
    return this.mode !== 'off' && this.authorizer !== undefined;
  }

  get policies(): PolicySet | undefined {
    return this.policySet;
  }

  /** The role a function runs as (its `Role`), when deployed. */
  functionRole(functionNameOrArn: string): string | undefined {
    const arn = functionNameOrArn.startsWith('arn:')
      ? functionNameOrArn.split(':').slice(0, 7).join(':')
      : this.policySet?.functionArns.get(functionNameOrArn);
    return arn ? this.policySet?.functionRoles.get(arn) : undefined;
  }

  /** The credentials a deployed function's worker gets; undefined for a function no stack defines. */
  credentials(functionName: string): LocalCredentials | undefined {
    if (!this.policySet?.functionArns.has(functionName)) return undefined;
    return functionCredentials(this.where.accountId, functionName);
  }

  /** Who signed with this access key: a function's role, or the developer (`admin`) for any other key. */
  callerOf(accessKeyId: string | undefined): { principal: Principal; caller: string; session?: string } {
    const known = accessKeyId ? this.keys.get(accessKeyId) : undefined;
    // Lambda names the role's session after the function: `assumed-role/<role>/<function>` in a denial.
    return known
      ? { principal: known.principal, caller: `function ${known.functionName}`, session: known.functionName }
      : { principal: 'admin', caller: 'the developer' };
  }

  /**
   * Authorises an AWS API request as the gateway classified it. Throws the denial (in the service's protocol)
   * in `enforce` mode; records it in `report` mode.
   */
  async authorizeRequest(request: AwsRequest, accessKeyId: string | undefined): Promise<void> {
    if (!this.active) return;
    const { principal, caller, session } = this.callerOf(accessKeyId);
    if (principal === 'admin') return;
    const call = requestInput(request);
    if (!call) return;
    const checks = authorizationChecks(
      { ...call, input: this.withStream(call.operation, call.input), ...this.where },
      this.policySet?.facts,
    );
    const denial = await this.decide(principal, caller, request.service, checks, session);
    if (denial && this.mode === 'enforce') throw denial.error;
  }

  /** Authorises an S3 REST request (S3 streams past the gateway). Throws S3's AccessDenied in `enforce` mode. */
  async authorizeS3(
    request: Parameters<typeof s3Operation>[0],
    accessKeyId: string | undefined,
  ): Promise<void> {
    if (!this.active) return;
    const { principal, caller, session } = this.callerOf(accessKeyId);
    if (principal === 'admin') return;
    const call = s3Operation(request);
    const checks = authorizationChecks({ ...call, ...this.where }, this.policySet?.facts);
    const denial = await this.decide(principal, caller, 's3', checks, session);
    if (denial && this.mode === 'enforce') throw denial.error;
  }

  /**
   * Authorises an engine's call on behalf of a deployed resource. Resolves with the denial in `enforce` mode
   * (the engine fails the way AWS fails that path); undefined when allowed, or in `report` / `off` mode.
   */
  async authorizeCall(call: EngineCall): Promise<EngineDenial | undefined> {
    if (!this.active || call.principal === 'admin') return undefined;
    const checks = authorizationChecks(
      { service: call.service, operation: call.operation, input: call.input, ...this.where },
      this.policySet?.facts,
    ).map((check) => ({ ...check, context: { ...check.context, ...call.context } }));
    const denial = await this.decide(call.principal, call.caller, call.service, checks);
    return denial && this.mode === 'enforce' ? denial : undefined;
  }

  /**
   * Authorises an engine's delivery to a target ARN (queue, topic, function, state machine, bus, log group). A
   * service principal (`events.amazonaws.com`, …) is evaluated against the target's resource policy (for a log
   * group, the account's CloudWatch Logs resource policies) with `source` as `aws:SourceArn`; a role against its
   * identity policies.
   */
  async authorizeDelivery(delivery: {
    principal: Principal;
    target: string;
    caller: string;
    /** The resource the delivery is on behalf of (a rule, a topic, an alarm): `aws:SourceArn` for a service. */
    source?: string;
    /** PutEvents entry fields (Source, DetailType) for a bus target. */
    payload?: Record<string, unknown>;
    /** The log stream a delivery to a log group creates and writes (the rule's delivery: the event's id). */
    stream?: string;
  }): Promise<EngineDenial | undefined> {
    const service = !delivery.principal.startsWith('arn:') && delivery.principal !== 'admin';
    for (const call of deliveryCalls(delivery.target, delivery.payload, delivery.stream)) {
      const denial = await this.authorizeCall({
        principal: delivery.principal,
        ...call,
        ...(service && delivery.source
          ? { context: { 'aws:SourceArn': delivery.source, 'aws:SourceAccount': this.where.accountId } }
          : {}),
        caller: delivery.caller,
      });
      if (denial) return denial;
    }
    return undefined;
  }

  /**
   * Authorises what Lambda's poller calls for an event source mapping, as the function's role: ReceiveMessage,
   * DeleteMessage and GetQueueAttributes on a queue; DescribeStream, GetShardIterator and GetRecords on a
   * stream (the actions AWSLambdaSQSQueueExecutionRole / AWSLambdaDynamoDBExecutionRole name; ADR 28).
   */
  async authorizeEventSource(mapping: {
    functionRef: string;
    sourceArn: string;
  }): Promise<EngineDenial | undefined> {
    const role = this.functionRole(mapping.functionRef);
    if (!role) return undefined;
    const sqs = mapping.sourceArn.split(':')[2] === 'sqs';
    const operations = sqs
      ? ['ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes']
      : ['DescribeStream', 'GetShardIterator', 'GetRecords'];
    for (const operation of operations) {
      const denial = await this.authorizeCall({
        principal: role,
        service: sqs ? 'sqs' : 'dynamodb',
        operation,
        input: sqs
          ? { QueueUrl: mapping.sourceArn }
          : { StreamArn: mapping.sourceArn, ShardIterator: `${mapping.sourceArn}|local` },
        caller: `event source mapping ${mapping.sourceArn} → ${mapping.functionRef}`,
      });
      if (denial) return denial;
    }
    return undefined;
  }

  /**
   * What AWS checks when CloudFormation creates a resource, here Lambda's check of an event source mapping
   * (CreateEventSourceMapping): the function's role must be allowed what Lambda's poller calls on the source,
   * SQS's ReceiveMessage, DeleteMessage and GetQueueAttributes on the queue, or DynamoDB's GetRecords,
   * GetShardIterator, DescribeStream and ListStreams on the stream, with the policies of `stacks` (the stacks
   * deployed so far). In `enforce` mode a role without one fails the mapping, and its stack, with Lambda's
   * InvalidParameterValueException; in `report` mode it is recorded as a would-be denial; `off` checks nothing.
   * Called by the deployer before the mapping is created (`deployStacks`' `beforeCreate`).
   *
   * ListStreams takes only "*" in IAM, yet the policy AWS documents for a stream (and the role osls generates)
   * names it on the stream's ARN and is accepted: it is matched against the stream's ARN as written.
   */
  async checkCreation(resource: ResolvedResource, stacks: readonly DeployedStack[]): Promise<void> {
    if (this.mode === 'off' || resource.type !== 'AWS::Lambda::EventSourceMapping') return;
    const sourceArn = String(resource.properties.EventSourceArn ?? '');
    const source = MAPPING_SOURCES.find((candidate) => candidate.matches.test(sourceArn));
    const functionRef = resource.properties.FunctionName;
    if (!source || typeof functionRef !== 'string') return;
    const policies = collectPolicies(stacks, this.where);
    const fn = functionArn(this.where, functionRef).split(':').slice(0, 7).join(':');
    const role = policies.functionRoles.get(fn);
    if (!role) return;
    const authorizer = new Authorizer(policies, this.where, {
      cacheSize: 0,
      ...(this.options.now ? { now: this.options.now } : {}),
    });
    for (const action of source.actions) {
      const decision = await authorizer.authorize({
        principal: role,
        action,
        resource: sourceArn,
        matchAsWritten: true,
      });
      if (decision.decision === 'allow') continue;
      const message = source.refusal(action, sourceArn);
      this.remember(
        role,
        `creating event source mapping ${resource.stack}/${resource.logicalId} (${sourceArn} → ${fn})`,
        { action, resource: sourceArn, context: {} },
        decision,
        message,
      );
      if (this.mode !== 'enforce') return;
      // Lambda's words, then which action of which role locally, for the person reading the failed start.
      throw new AwsApiError(
        400,
        'InvalidParameterValueException',
        `${message} (the role ${role} may not ${action} on ${sourceArn})`,
      );
    }
  }

  /** A DynamoDB Streams answer that hands out iterators: remember which stream each reads. */
  observeStreamAnswer(operation: string, input: Record<string, unknown>, answer: unknown): void {
    if (!this.active) return;
    const body = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
    const stream =
      operation === 'GetShardIterator'
        ? input.StreamArn
        : operation === 'GetRecords'
          ? this.iterators.get(String(input.ShardIterator))
          : undefined;
    const iterator = operation === 'GetShardIterator' ? body.ShardIterator : body.NextShardIterator;
    if (typeof stream !== 'string' || typeof iterator !== 'string') return;
    if (this.iterators.size >= 10_000) this.iterators.clear();
    this.iterators.set(iterator, stream);
  }

  /** What was denied (or would have been), oldest first. */
  denials(): DenialRecord[] {
    return [...this.records];
  }

  /** Reads a run-time resource policy; a new or changed one replaces the last and forgets cached decisions. */
  private refreshLivePolicy(resource: string): void {
    const set = this.policySet;
    if (!set || !this.liveLookup || !resource.startsWith('arn:aws:sqs:')) return;
    if (set.resourcePolicies.has(resource) && !this.livePolicies.has(resource)) return;
    const text = this.liveLookup(resource);
    if (text === this.livePolicies.get(resource)) return;
    let document: PolicyDocument | undefined;
    try {
      document = text ? (JSON.parse(text) as PolicyDocument) : undefined;
    } catch {
      document = undefined;
    }
    if (document?.Statement) set.resourcePolicies.set(resource, [{ name: `live:${resource}`, document }]);
    else set.resourcePolicies.delete(resource);
    if (text === undefined) this.livePolicies.delete(resource);
    else this.livePolicies.set(resource, text);
    this.authorizer = new Authorizer(set, this.where, this.options.now ? { now: this.options.now } : {});
  }

  /** A GetRecords input whose opaque iterator is known: prefixed with its stream's ARN, as AWS's iterators are. */
  private withStream(operation: string, input: Record<string, unknown>): Record<string, unknown> {
    if (operation !== 'GetRecords' || typeof input.ShardIterator !== 'string') return input;
    const stream = this.iterators.get(input.ShardIterator);
    return stream ? { ...input, ShardIterator: `${stream}|${input.ShardIterator}` } : input;
  }

  /** Evaluates the checks; records (and prints, once) a denial. */
  private async decide(
    principal: Principal,
    caller: string,
    service: string,
    checks: AuthorizationCheck[],
    session?: string,
  ): Promise<EngineDenial | undefined> {
    if (!this.authorizer || checks.length === 0) return undefined;
    for (const { resource } of checks) this.refreshLivePolicy(resource);
    const decision = await this.authorizer.authorizeAll(principal, checks);
    if (decision.decision === 'allow' || !decision.check) return undefined;
    const check = decision.check;
    const error = accessDenied(service, principal, check, decision, session);
    return { error, record: this.remember(principal, caller, check, decision, error.message) };
  }

  /** Keeps (and prints, the first time) a denial; the same caller, action and resource again is counted. */
  private remember(
    principal: Principal,
    caller: string,
    check: AuthorizationCheck,
    decision: Decision,
    message: string,
  ): DenialRecord {
    const at = new Date(this.options.now?.() ?? Date.now()).toISOString();
    const key = `${caller} ${check.action} ${check.resource}`;
    const seen = this.records.findIndex((r) => `${r.caller} ${r.action} ${r.resource}` === key);
    if (seen >= 0) {
      // The same denial again (a poller retrying): counted, moved to the end.
      const [again] = this.records.splice(seen, 1);
      again!.count += 1;
      again!.at = at;
      this.records.push(again!);
      return again!;
    }
    const record: DenialRecord = {
      at,
      count: 1,
      enforced: this.mode === 'enforce',
      caller,
      principal,
      action: check.action,
      resource: check.resource,
      context: check.context,
      decision: decision.decision,
      message,
      explanation: decision.explanation,
      allowingStatement: allowingStatement(check, principal),
    };
    if (this.records.length >= MAX_RECORDS) this.records.shift();
    this.records.push(record);
    this.options.log?.(
      `IAM ${record.enforced ? 'denied' : 'would deny (report mode)'}: ${caller}: ${message}`,
    );
    return record;
  }
}
