// The OpenTelemetry variables every service reads, under their standard names, and what they
// make of them. No endpoint, no tracing: nothing is recorded or sent, and no span is even made.
import { z } from 'zod';
import { optionalVariable, variableWithDefault } from '../loadConfig.js';

/** OTLP/HTTP: an http(s) URL ("collector:4318" without a scheme would parse as a URL of scheme "collector:"). */
const otlpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, e.g. http://otel-collector:4318' });

export const tracingVariables = {
  /** The collector's OTLP/HTTP base URL (e.g. http://otel-collector:4318); traces go to its /v1/traces. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalVariable(otlpUrl),
  /** The full URL for traces, when it is not the base URL's /v1/traces. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalVariable(otlpUrl),
  /** The share of traces started here that are recorded (0 to 1); a trace a caller started keeps the caller's choice. */
  OTEL_TRACES_SAMPLER_ARG: variableWithDefault(z.coerce.number().min(0).max(1), 1),
  /** How long finished spans wait before they are sent, in ms. */
  OTEL_BSP_SCHEDULE_DELAY: variableWithDefault(z.coerce.number().int().min(10).max(60_000), 1_000),
};

type TracingVariables = z.output<z.ZodObject<typeof tracingVariables>>;

export interface TracingSettings {
  /** Where spans are sent, over OTLP/HTTP (JSON). */
  tracesUrl: string;
  sampleRatio: number;
  exportDelayMs: number;
}

/** The settings, or null when no collector is configured. */
export function tracingSettingsFrom(env: TracingVariables): TracingSettings | null {
  const tracesUrl =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (env.OTEL_EXPORTER_OTLP_ENDPOINT === undefined
      ? undefined
      : new URL('v1/traces', withTrailingSlash(env.OTEL_EXPORTER_OTLP_ENDPOINT)).href);
  if (tracesUrl === undefined) return null;
  return { tracesUrl, sampleRatio: env.OTEL_TRACES_SAMPLER_ARG, exportDelayMs: env.OTEL_BSP_SCHEDULE_DELAY };
}

const withTrailingSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);
