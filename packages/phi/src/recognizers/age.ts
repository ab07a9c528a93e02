// AGE (Safe Harbor 3): ages over 89 ("age 93", "93 y/o", "93-year-old", "93 years old");
// younger ages are not identifiers. 130 bounds typos and ids.
import { groupSpan, matches, type Recognizer, type Sink } from './shared.ts';

// Not "aged 90 days" (receivables ageing) nor "age: 100%".
const AGE_BEFORE =
  /\b(?:age|aged|ages|edad)\s*(?:is\s+|of\s+)?[:=]?\s*(\d{2,3})(?![\w.%]|\.\d|\s*(?:%|days?\b|d\b|hrs?\b|hours?\b|min|ms\b|s\b|sec|weeks?\b|months?\b))/gi;
// "93 y/o", "93yo", "93-year-old", "93 years old" ("93 years" alone may be a duration).
const AGE_AFTER = /(?<![\w.-])(\d{2,3})(?:\s*(?:y\/o|y\.o\.?|yo)|[\s-]*(?:years?|yrs?)[\s-]*old)(?![\w/])/gi;

function detectAges(text: string, sink: Sink): void {
  // "y/o", "yo", "years old", "age": every pattern needs one of these letters' runs.
  const lower = text.toLowerCase();
  const after = lower.includes('old') || lower.includes('yo') || lower.includes('y/o') || lower.includes('y.o');
  const patterns = lower.includes('age') || lower.includes('edad') ? (after ? [AGE_BEFORE, AGE_AFTER] : [AGE_BEFORE]) : after ? [AGE_AFTER] : [];
  for (const re of patterns) {
    for (const m of matches(re, text)) {
      const age = Number(m[1]);
      if (age < 90 || age > 130) continue;
      // "age 93" redacts the number; "93-year-old" the whole phrase, which spells the age.
      const start = re === AGE_BEFORE ? groupSpan(m)[0] : m.index;
      const end = re === AGE_BEFORE ? groupSpan(m)[1] : m.index + m[0].length;
      sink.push('AGE', start, end, 0.9);
    }
  }
}

export const ageOver89: Recognizer = { name: 'age', types: ['AGE'], minDigits: 1, detect: detectAges };
