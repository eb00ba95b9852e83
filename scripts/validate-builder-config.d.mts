export const schemaFile: string;
export const defaultConfigFile: string;
export function loadBuilderConfig(file: string): { config: unknown; problems: string[] };
export function validateBuilderConfig(config: unknown): string[];
