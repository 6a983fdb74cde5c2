/** Shapes shared by several REST routes: one zod schema each, for validation, types and OpenAPI. */
import { z } from 'zod';

export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;

export const Tlp = z.enum(TLP_LEVELS).describe('TLP 2.0 level');

export const StixObject = z
  .looseObject({ type: z.string(), id: z.string() })
  .describe('A STIX 2.1 object, as stored');

export const StixId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*--[0-9a-fA-F-]{36}$/, 'not a STIX id (type--UUID)')
  .describe('A STIX identifier');

export function limitOf(max: number, fallback: number) {
  return z.coerce.number().int().min(1).max(max).default(fallback).describe(`Page size, 1–${max}`);
}

export const Timestamp = z.iso.datetime({ offset: true }).describe('RFC 3339 timestamp');
