export { type CronSpec, nextCron, parseCron, ScheduleExpressionError } from './cron';
export {
  type ScheduleDefinition,
  type ScheduledItem,
  SchedulerEngine,
  type SchedulerEngineOptions,
} from './engine';
export { parseSchedule, type Schedule } from './expression';
export { ScheduleProvider } from './provider';
export { renderInput, type ScheduleTarget, UnsupportedTargetError, unsupportedTarget } from './targets';
