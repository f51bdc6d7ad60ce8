// Money is integer cents everywhere; decimal strings are parsed exactly, never through floats.

/** Matches what a user may type as an amount: whole units with at most two decimals. */
export const AMOUNT_PATTERN = '^[0-9]{1,9}(\\.[0-9]{1,2})?$';

/** Parses an amount such as "12", "12.5" or "12.50" into cents. Assumes AMOUNT_PATTERN matched. */
export function parseAmountToCents(amount: string): number {
  const [whole, fraction = ''] = amount.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}$${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}
