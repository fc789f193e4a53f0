export {
  depsFor,
  localClients,
  localDynamo,
  localRestartCommand,
  localSnapshotRestore,
  REPOINTABLE,
  type RestoreCliIo,
  runRestoreTable,
  USAGE,
} from './cli';
export {
  type RestoreDeps,
  type RestoredTarget,
  type RestoreOutcome,
  type RestoreRequest,
  type RestoreSource,
  restoreTable,
  type StepTiming,
  stamp,
  tableOf,
} from './runbook';
