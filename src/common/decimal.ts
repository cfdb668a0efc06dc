// PostgreSQL returns numeric columns as strings (exact); hours, credits and scores are small enough for numbers.
import type { ValueTransformer } from 'typeorm';

export const decimal: ValueTransformer = {
  to: (value?: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
