/**
 * gRPC channel settings for the TypeScript client's connections to Temporal. grpc-js backs off reconnecting up to
 * 120 s by default, so after a Temporal restart a process would keep failing its calls (the API answering 503) for up
 * to two minutes; a ceiling of two seconds brings it back within seconds, at the cost of one connect attempt each.
 */
export const temporalChannelArgs = {
  'grpc.initial_reconnect_backoff_ms': 500,
  'grpc.max_reconnect_backoff_ms': 2000,
} as const;
