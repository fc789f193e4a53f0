import type { CorsConfig } from './model';
import { bool, num, strList } from './properties';

/** Reads an Api's `CorsConfiguration`; undefined when the API has none (then API Gateway adds no CORS headers). */
export function corsConfigOf(value: unknown): CorsConfig | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const cors = value as Record<string, unknown>;
  return {
    allowOrigins: strList(cors.AllowOrigins),
    allowMethods: strList(cors.AllowMethods).map((method) => method.toUpperCase()),
    allowHeaders: strList(cors.AllowHeaders).map((header) => header.toLowerCase()),
    exposeHeaders: strList(cors.ExposeHeaders).map((header) => header.toLowerCase()),
    maxAge: num(cors.MaxAge),
    allowCredentials: bool(cors.AllowCredentials) ?? false,
  };
}
