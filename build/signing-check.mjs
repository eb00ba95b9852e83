// electron-builder's `beforePack` hook: says, before anything is packed, whether this build will
// be signed (and on macOS notarized) from the credentials in the environment, and refuses to pack
// unsigned when HUBDESK_REQUIRE_SIGNING=1 (release builds). electron-builder itself reads the
// same variables (CSC_LINK, WIN_CSC_LINK, CSC_NAME, APPLE_*); nothing here handles a secret.

const present = (env, names) => names.every((name) => (env[name] ?? '').trim() !== '');

/** Notarization accepts any of these three sets, the API key being the recommended one. */
const notaryCredentials = [
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE'],
];

/**
 * What a build for `platform` (electron-builder's electronPlatformName) will be, given `env`:
 * `signed` (and `notarized` on macOS) plus the lines to print.
 */
export function signingPlan(platform, env) {
  if (platform === 'win32') {
    const signed = present(env, ['WIN_CSC_LINK']) || present(env, ['CSC_LINK']);
    return {
      signed,
      notarized: false,
      lines: signed
        ? ['Windows: installer signed with the certificate in WIN_CSC_LINK/CSC_LINK.']
        : [
            'Windows: UNSIGNED build (no WIN_CSC_LINK or CSC_LINK). SmartScreen will warn, and',
            'installed copies refuse its updates: they check the publisherName in electron-builder.yml.',
          ],
    };
  }
  if (platform === 'darwin') {
    const signed = present(env, ['CSC_LINK']) || present(env, ['CSC_NAME']);
    const notarized = signed && notaryCredentials.some((names) => present(env, names));
    const lines = [];
    if (!signed) {
      lines.push(
        'macOS: UNSIGNED build (no CSC_LINK or CSC_NAME). Gatekeeper blocks it and auto-update',
        '(Squirrel.Mac) refuses unsigned updates.',
      );
    } else if (!notarized) {
      lines.push(
        'macOS: signed but NOT notarized: set APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER',
        '(or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID).',
      );
    } else {
      lines.push('macOS: signed and notarized.');
    }
    return { signed, notarized, lines };
  }
  return {
    signed: false,
    notarized: false,
    lines: [
      'Linux: AppImage and deb are not signed; an update is trusted for the sha512 in the',
      "feed's latest-linux.yml, so serve the feed over https from a server only you control.",
    ],
  };
}

/** Release builds set HUBDESK_REQUIRE_SIGNING=1: an unsigned Windows or macOS build then fails. */
export function mustRefuse(platform, env, plan) {
  const required = env.HUBDESK_REQUIRE_SIGNING === '1';
  if (!required || platform === 'linux') return false;
  return !plan.signed || (platform === 'darwin' && !plan.notarized);
}

export async function beforePack(context) {
  const platform = context.electronPlatformName;
  const plan = signingPlan(platform, process.env);
  for (const line of plan.lines) console.log(`[signing] ${line}`);
  if (mustRefuse(platform, process.env, plan)) {
    throw new Error(
      'HUBDESK_REQUIRE_SIGNING=1 but the signing credentials are missing (see above).',
    );
  }
}
