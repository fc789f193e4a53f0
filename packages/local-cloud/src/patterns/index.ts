/**
 * The pattern languages of the local cloud, matched as AWS matches them: EventBridge event patterns (also used
 * by Lambda FilterCriteria and Pipes) and SNS subscription filter policies.
 */
export { InvalidEventPatternError, InvalidFilterPolicyError } from './errors';
export { matchesEventPattern, validateEventPattern } from './eventPattern';
export { type FilterCriteriaFilter, filterCriteriaMatch } from './filterCriteria';
export {
  type FilterPolicyMessage,
  type FilterPolicyScope,
  matchesFilterPolicy,
  validateFilterPolicy,
} from './filterPolicy';
