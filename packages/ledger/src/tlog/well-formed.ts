/** False if `s` holds a lone UTF-16 surrogate, which has no UTF-8 encoding. */
export function isWellFormed(s: string): boolean {
  // String.prototype.isWellFormed is in Node 20+ (ES2024) but not in the ES2023 lib this repo compiles against.
  return (s as string & { isWellFormed(): boolean }).isWellFormed();
}
