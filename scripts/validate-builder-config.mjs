// `node scripts/validate-builder-config.mjs [file]`: checks electron-builder.yml (or the given
// file) against electron-builder's own JSON schema, with the validator options electron-builder
// uses, since packaging itself cannot run without Electron's binary. Exits 1 with one line per
// problem, each naming the option (`configuration.linux.target[0]`), so a typo or a misplaced
// option fails CI instead of the first real packaging run.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Ajv and js-yaml exactly as electron-builder's own package loads them.
const requireFromBuilder = createRequire(
  path.join(root, 'node_modules/app-builder-lib/package.json'),
);
const Ajv = requireFromBuilder('ajv').default;
const yaml = requireFromBuilder('js-yaml');

export const schemaFile = path.join(root, 'node_modules/app-builder-lib/scheme.json');
export const defaultConfigFile = path.join(root, 'electron-builder.yml');

/** Reads the YAML; a syntax error becomes a problem like any other. */
export function loadBuilderConfig(file) {
  const text = readFileSync(file, 'utf8');
  try {
    return { config: yaml.load(text, { filename: file }), problems: [] };
  } catch (error) {
    return {
      config: null,
      problems: [`${path.basename(file)} is not valid YAML: ${error.message}`],
    };
  }
}

let compiled = null;
function validator() {
  compiled ??= new Ajv({
    allErrors: true,
    verbose: true,
    coerceTypes: true,
    strict: false,
  }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  return compiled;
}

const composite = new Set(['anyOf', 'oneOf', 'if']);

function label(instancePath) {
  return pointer(instancePath).reduce(
    (text, segment) => (/^\d+$/.test(segment) ? `${text}[${segment}]` : `${text}.${segment}`),
    'configuration',
  );
}

function pointer(instancePath) {
  return instancePath
    .split('/')
    .filter(Boolean)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(config, instancePath) {
  return pointer(instancePath).reduce(
    (value, key) => (value == null ? undefined : value[key]),
    config,
  );
}

/** `{provider: {const: 'generic'}}`: the properties that tell one branch of an anyOf from another. */
function discriminators(schema) {
  const properties = schema?.properties ?? {};
  return Object.entries(properties).filter(([, property]) => property && 'const' in property);
}

function matchesBranch(schema, value) {
  return discriminators(schema).every(
    ([key, property]) =>
      value != null && typeof value === 'object' && value[key] === property.const,
  );
}

function parentPath(instancePath) {
  return instancePath.slice(0, Math.max(0, instancePath.lastIndexOf('/')));
}

/**
 * ajv reports every failed branch of an `anyOf`; only the branch the configuration meant is worth
 * reading. So: drop "must be null" (the optional form of every option); for a union told apart by
 * a discriminator (`publish.provider`), keep the branch the value names, or, when it names none,
 * say which names exist; drop "must be <type>" for forms the value plainly did not try; and show
 * the `anyOf` itself only where nothing more precise is left.
 */
function relevantErrors(config, errors) {
  const isBranchOfObject = (error) =>
    discriminators(error.parentSchema).length > 0 && !composite.has(error.keyword);
  const meantBranchAt = (instancePath) =>
    errors.some(
      (error) =>
        error.instancePath === instancePath &&
        isBranchOfObject(error) &&
        matchesBranch(error.parentSchema, valueAt(config, instancePath)),
    );

  const misnamed = new Map();
  for (const error of errors) {
    if (error.keyword !== 'const' || meantBranchAt(parentPath(error.instancePath))) continue;
    misnamed.set(error.instancePath, [
      ...(misnamed.get(error.instancePath) ?? []),
      error.params.allowedValue,
    ]);
  }
  const misnamedParents = new Set([...misnamed.keys()].map(parentPath));

  const specific = errors.filter((error) => {
    if (composite.has(error.keyword) || error.keyword === 'const') return false;
    if (error.keyword === 'type' && error.params.type === 'null') return false;
    if (!isBranchOfObject(error)) return true;
    if (misnamedParents.has(error.instancePath)) return false;
    return (
      !meantBranchAt(error.instancePath) ||
      matchesBranch(error.parentSchema, valueAt(config, error.instancePath))
    );
  });
  for (const [instancePath, allowedValues] of misnamed) {
    specific.push({ keyword: 'enum', instancePath, params: { allowedValues } });
  }

  const within = (error, instancePath) =>
    error.instancePath === instancePath || error.instancePath.startsWith(`${instancePath}/`);
  const precise = specific.filter(
    (error) =>
      error.keyword !== 'type' ||
      !specific.some((other) => other.keyword !== 'type' && within(other, error.instancePath)),
  );
  const unexplained = errors.filter(
    (error) =>
      composite.has(error.keyword) && !precise.some((other) => within(other, error.instancePath)),
  );
  return [...precise, ...unexplained];
}

function describe(error) {
  const where = label(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where} has an unknown option '${error.params.additionalProperty}'`;
    case 'required':
      return `${where} needs the option '${error.params.missingProperty}'`;
    case 'const':
      return `${where} must be ${JSON.stringify(error.params.allowedValue)}`;
    case 'enum':
      return `${where} must be one of ${error.params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'anyOf':
    case 'oneOf':
      return `${where} has a value of none of the allowed forms`;
    default:
      return `${where} ${error.message}`;
  }
}

/** One message per problem, naming the option; empty when the configuration is valid. */
export function validateBuilderConfig(config) {
  const validate = validator();
  if (validate(config)) return [];
  return [...new Set(relevantErrors(config, validate.errors ?? []).map(describe))];
}

function main() {
  const file = path.resolve(process.argv[2] ?? defaultConfigFile);
  const loaded = loadBuilderConfig(file);
  const problems =
    loaded.problems.length > 0 ? loaded.problems : validateBuilderConfig(loaded.config);
  const name = path.relative(process.cwd(), file) || file;
  if (problems.length > 0) {
    console.error(`${name} does not match electron-builder's schema:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    return 1;
  }
  console.log(
    `${name}: valid for electron-builder ${requireFromBuilder('./package.json').version}`,
  );
  return 0;
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  process.exitCode = main();
}
