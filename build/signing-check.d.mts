export interface SigningPlan {
  signed: boolean;
  notarized: boolean;
  lines: string[];
}
export function signingPlan(platform: string, env: Record<string, string | undefined>): SigningPlan;
export function mustRefuse(
  platform: string,
  env: Record<string, string | undefined>,
  plan: SigningPlan,
): boolean;
export function beforePack(context: { electronPlatformName: string }): Promise<void>;
