/** Public surface of alerts/: freeze alerts for exchanges' registered wallets, their stream and signed webhook. */
export { AlertBus, type AlertListener } from './alert-bus.ts';
export { AlertEngine, type AlertEngineOptions } from './alert-engine.ts';
export { type AlertJson, alertJson } from './alert-json.ts';
export { type AlertChain, ARRIVAL_CHAINS, type ArrivalChain, type ArrivalPlace } from './arrival-chains.ts';
export {
  chainOfAddress,
  registerWallet,
  WALLET_CHAINS,
  WALLET_ROLES,
  walletAddress,
  walletKey,
} from './wallets.ts';
export { type DeliveryOptions, type DeliveryResult, deliverWebhook } from './webhook-delivery.ts';
export {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  verifyWebhook,
} from './webhook-signature.ts';
export { checkWebhookUrl, isPrivateAddress } from './webhook-target.ts';
