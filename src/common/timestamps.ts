import { ValueTransformer } from 'typeorm';

/** `bigint` counts come back from pg as strings; these are small enough for a number. */
export const intFromString: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
