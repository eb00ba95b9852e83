/**
 * The account every simulator accepts, so a newcomer can try HubDesk in demo mode and tests can sign
 * in without configuration.
 */
export const DEMO_ACCOUNT = {
  clientId: 'hubdesk-demo',
  clientSecret: 'demo-secret',
  username: 'agente@demo.local',
  password: 'demo',
} as const;
