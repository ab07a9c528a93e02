// The package ships no types; this is the one call we use.
declare module 'popular-english-words' {
  export const words: { getMostPopular(count: number): string[] };
}
