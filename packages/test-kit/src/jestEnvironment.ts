// Quiet, deterministic Powertools in tests: errors still print, routine INFO/WARN lines do not.
// Set POWERTOOLS_LOG_LEVEL=DEBUG when running jest to see everything.
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.POWERTOOLS_METRICS_NAMESPACE ??= 'SpendwiseTest';
process.env.POWERTOOLS_SERVICE_NAME ??= 'spendwise-test';
process.env.POWERTOOLS_TRACE_ENABLED ??= 'false';
