export { snapshotRoutes } from './routes';
export {
  createInput,
  defaultName,
  LocalSnapshots,
  type RestoredTable,
  type RestoreResult,
  restoredName,
  type SnapshotManifest,
  type SnapshotSummary,
  type SnapshotTable,
} from './snapshots';
