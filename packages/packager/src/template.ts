import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TemplateNotFoundError } from './errors';

/** One resource of a CloudFormation template. Properties stay loosely typed: rules read what they need. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

/** A CloudFormation template as osls writes it. */
export interface CfnTemplate {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Parameters?: Record<string, unknown>;
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, unknown>;
}

/** Path of the template osls writes when it packages a service (the one a deploy would apply). */
export function templatePath(serviceDir: string): string {
  return join(serviceDir, '.serverless', 'cloudformation-template-update-stack.json');
}

/**
 * Reads the packaged CloudFormation template of a service.
 *
 * @example const template = await loadTemplate('services/platform');
 */
export async function loadTemplate(serviceDir: string): Promise<CfnTemplate> {
  const path = templatePath(serviceDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new TemplateNotFoundError(`No packaged template at ${path}: run \`pnpm package\` first`, {
      cause: error,
    });
  }
  let template: unknown;
  try {
    template = JSON.parse(text);
  } catch (error) {
    throw new TemplateNotFoundError(`${path} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (typeof template !== 'object' || template === null || !('Resources' in template)) {
    throw new TemplateNotFoundError(`${path} has no Resources`);
  }
  return template as CfnTemplate;
}

/** Logical ids of the resources of one type, in template order. */
export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** How many Lambda functions a template defines. */
export function countFunctions(template: CfnTemplate): number {
  return resourcesOfType(template, 'AWS::Lambda::Function').length;
}
