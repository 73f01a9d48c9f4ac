import type { Channel } from '../../shared/events';
import { MINUTE_MS } from './calendar';
import type { Fee } from './procedures';
import type { Random } from './random';

/**
 * Fees and their online payment. About 40% of dossiers carry a fee; almost all are paid online within
 * minutes of submission (Hà Nội: 99.73%), through the national portal or the province's own gateway.
 */

export type PaymentRoute = 'national_portal' | 'provincial_gateway';

export interface PlannedPayment {
  at: number;
  amountVnd: number;
  route: PaymentRoute;
}

/** No single fee on the demo exceeds this (a very large land-use registration fee). */
const MAX_FEE_VND = 500_000_000;
/** Paid through the online platforms rather than in cash, by channel. */
const ONLINE_PAYMENT_CHANCE: Record<Channel, number> = { online: 0.998, in_person: 0.99, post: 0.97 };
const NATIONAL_PORTAL_SHARE = 0.55;

/** The fee of one dossier in integer VND (0 = none): fees are set in whole thousands of đồng. */
export function drawFee(random: Random, fee: Fee | null): number {
  if (!fee || !random.chance(fee.share)) return 0;
  const amount = Math.round(random.logNormal(fee.medianVnd, fee.sigma) / 1000) * 1000;
  return Math.min(MAX_FEE_VND, Math.max(1000, amount));
}

/** The online payment of a dossier's fee, or null when there is no fee or it was paid in cash. */
export function drawPayment(
  random: Random,
  receivedAt: number,
  channel: Channel,
  feeVnd: number,
): PlannedPayment | null {
  if (feeVnd <= 0 || !random.chance(ONLINE_PAYMENT_CHANCE[channel])) return null;
  // Online applicants pay as they submit; at the counter the officer shows a QR code after checking the file.
  const delayMinutes = channel === 'online' ? random.between(0.5, 15) : random.between(2, 25);
  return {
    at: Math.floor((receivedAt + delayMinutes * MINUTE_MS) / 1000) * 1000,
    amountVnd: feeVnd,
    route: random.chance(NATIONAL_PORTAL_SHARE) ? 'national_portal' : 'provincial_gateway',
  };
}
