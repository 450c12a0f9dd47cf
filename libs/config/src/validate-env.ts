import { AppConfig } from './app-config';
import { configSchema } from './config.schema';
import { provideEmbeddedSecrets } from './local-secrets';

/**
 * Validates the environment before anything starts (the embedded database
 * and the Redis check run ahead of Nest), so the message names the variable.
 */
export function validateEnv(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const result = configSchema.validate(env, { abortEarly: false, allowUnknown: true });
  if (result.error) {
    const { error } = result;
    const lines = error.details.map((d) => `  - ${d.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return result.value;
}

/**
 * A process's start: the environment read once (a copy: nothing writes to process.env), the
 * embedded start's secrets generated where missing, validated into the typed configuration.
 */
export function loadConfig(env: NodeJS.ProcessEnv = { ...process.env }): {
  config: AppConfig;
  generatedSecrets: string[];
} {
  const { generated } = provideEmbeddedSecrets(env);
  return { config: new AppConfig(validateEnv(env)), generatedSecrets: generated };
}
