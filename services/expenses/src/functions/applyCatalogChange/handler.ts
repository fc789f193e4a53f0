import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from '@spendwise/lambda-kit/observability';
import { catalogCopyStore } from '../../adapters/catalogCopyStoreFromEnv';
import { applyCatalogChangeHandler } from './applyCatalogChange';

export const handler = applyCatalogChangeHandler({
  applyCatalogCopyChange: catalogCopyStore.applyCatalogCopyChange,
  // The same signal the kit's idempotency layer gives for a skipped duplicate, so dashboards count both alike.
  onIgnored: (event) => {
    logger.info('Catalog event not newer than the copy: ignored', { detailType: event.detailType });
    metrics.addMetric('DuplicateEvents', MetricUnit.Count, 1);
  },
});
