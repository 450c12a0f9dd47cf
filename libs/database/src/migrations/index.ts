import { InitialRegistry1795452833070 } from './1795452833070-InitialRegistry';

// Ordered list of migrations; each file is reviewed by a person and never edited once landed.
export const MIGRATIONS: Function[] = [InitialRegistry1795452833070];
