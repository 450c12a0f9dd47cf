import { configSchema } from './config.schema';

/**
 * Validates the environment before anything starts (the embedded database
 * and the Redis check run ahead of Nest), so the message names the variable.
 */
export function validateEnv(env: NodeJS.ProcessEnv = process.env): Record<string, any> {
  const { error, value } = configSchema.validate(env, { abortEarly: false, allowUnknown: true });
  if (error) {
    const lines = error.details.map((d) => `  - ${d.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return value;
}
