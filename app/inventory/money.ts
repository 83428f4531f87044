/** Money arithmetic in integer minor units (spec/domain.md §1): derived amounts round half away from zero. Pure. */

/** `numerator / denominator`, rounded half away from zero; both integers, denominator > 0. */
export function divideRounded(numerator: bigint, denominator: bigint): number {
  const sign = numerator < 0n ? -1n : 1n;
  const magnitude = numerator * sign;
  return Number(sign * ((magnitude * 2n + denominator) / (denominator * 2n)));
}

const RATE_PATTERN = /^\d+(\.\d{1,6})?$/;

export function isExchangeRate(text: string): boolean {
  return RATE_PATTERN.test(text) && Number(text) > 0;
}

/** `amount` converted at a decimal-string rate (up to 6 places). */
export function convertAmount(amount: number, rate: string): number {
  const [whole = "0", fraction = ""] = rate.split(".");
  const micros = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, "0"));
  return divideRounded(BigInt(amount) * micros, 1_000_000n);
}

/** `amount × basisPoints / 10 000`: a percentage with two decimals stored ×100. */
export function percentOf(amount: number, basisPoints: number): number {
  return divideRounded(BigInt(amount) * BigInt(basisPoints), 10_000n);
}
