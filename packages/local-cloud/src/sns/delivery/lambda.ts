import { lambdaEvent } from '../notification';
import { type Deliver, DeliveryFailedError } from './types';

/** Invokes the subscribed function asynchronously (Event invocation) with the SNS event. */
export const deliverToLambda: Deliver = async (message, subscription, env) => {
  const outcome = await env.ctx.lambda.invoke(
    subscription.endpoint,
    lambdaEvent(message, subscription, env.urls),
    {
      async: true,
    },
  );
  if (!outcome.ok) throw new DeliveryFailedError(`${outcome.errorType}: ${outcome.errorMessage}`);
};
