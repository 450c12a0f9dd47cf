import { ValueTransformer } from 'typeorm';

/** bigint kg/VND values stay exact as JS numbers up to 2^53 (9 billion tonnes). */
export const bigintAsNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null | undefined) => (v === null || v === undefined ? v : Number(v)),
};

export const numericAsNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null | undefined) => (v === null || v === undefined ? v : Number(v)),
};
