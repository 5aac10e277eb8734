/**
 * Figures as Vietnamese write them, read and printed the same way by every form that takes one
 * (a pilot report's metrics, an indicator's value): "557.045" is five hundred thousand and more,
 * "1,5" one and a half, spaces are ignored.
 */
export function parseVietnameseNumber(text: string): number | null {
  const raw = text.replace(/\s/g, '');
  const plain = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(raw)
    ? raw.replace(/\./g, '').replace(',', '.')
    : raw.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(plain)) return null;
  const value = Number(plain);
  return Number.isFinite(value) ? value : null;
}

const VIETNAMESE_NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 10 });

/** A figure as a form shows it ("557.045", "0,125"), which parseVietnameseNumber reads back. */
export function vietnameseNumber(n: number): string {
  return VIETNAMESE_NUMBER.format(n);
}
