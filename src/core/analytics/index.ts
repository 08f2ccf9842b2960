/** The widget's analytics outbox (batched `POST /events`, beacon on page hide, consent). */
export {
  AnalyticsQueue,
  ANALYTICS_BACKOFF,
  type AnalyticsConsent,
  type AnalyticsTransport,
  type AnalyticsStorage,
  type AnalyticsClock,
  type AnalyticsQueueOptions,
  type EventData,
  type SendOutcome,
} from './queue.js';
