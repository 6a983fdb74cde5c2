/** Public surface of alerts/: freeze alerts for exchanges' registered wallets, their stream and signed webhook. */
export { AlertBus, type AlertListener } from './alert-bus.ts';
export { AlertEngine, type AlertEngineOptions } from './alert-engine.ts';
export { type AlertJson, alertJson } from './alert-json.ts';
export { registerWallet, WALLET_ROLES } from './wallets.ts';
export { type DeliveryOptions, type DeliveryResult, deliverWebhook } from './webhook-delivery.ts';
export {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  verifyWebhook,
} from './webhook-signature.ts';
export { checkWebhookUrl, isPrivateAddress } from './webhook-target.ts';
