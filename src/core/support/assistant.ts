/**
 * The assistant adapter: answers a buyer's question while no agent is online,
 * and steps aside when one comes. A store can plug in any implementation (an
 * AI provider behind its own server, say); the shipped one matches the
 * merchant's FAQ. Words are found with Intl.Segmenter, so languages written
 * without spaces (Thai, Japanese, Chinese) match as well as English.
 */

/** One FAQ entry in one language. */
export interface FaqEntry {
  /** BCP 47 tag of the entry's language, e.g. `th` or `pt-BR`. */
  locale: string;
  question: string;
  answer: string;
  /** Extra words that should find this entry (synonyms, product names). */
  keywords?: readonly string[];
}

export interface AssistantReply {
  text: string;
  /** The FAQ question answered, shown as the source. */
  source?: string;
}

/** Pluggable assistant. Resolve null when there is no good answer: the bubble then says a person will follow up. */
export interface SupportAssistant {
  answer(question: string, locale: string): Promise<AssistantReply | null>;
}

const segmenters = new Map<string, Intl.Segmenter>();
const language = (tag: string): string => tag.split('-')[0]!.toLowerCase();

/**
 * Words that carry grammar, not topic: matching on them would make every
 * question look like every FAQ entry. Japanese needs no list: its particles and
 * inflections are the words written in hiragana alone, dropped below.
 */
const FUNCTION_WORDS: Record<string, ReadonlySet<string>> = {
  en: new Set(['a', 'an', 'the', 'is', 'are', 'do', 'does', 'can', 'i', 'my', 'to', 'of', 'for', 'in', 'on', 'it', 'how', 'what', 'you', 'me']),
  th: new Set(['ครับ', 'ค่ะ', 'คะ', 'คับ', 'นะ', 'ไหม', 'มั้ย', 'ได้', 'จ้ะ', 'จ้า', 'หรือ', 'เปล่า', 'ยังไง', 'ไง']),
  zh: new Set(['吗', '呢', '的', '了', '吧', '是', '我', '你', '可以', '能', '怎么']),
};
const HIRAGANA_ONLY = /^[\u3040-\u309f\u30fc]+$/u;

/** The topic words of `text` in `locale`, lower-cased; punctuation, spaces and function words dropped. */
export function words(text: string, locale: string): string[] {
  const lang = language(locale);
  const stop = FUNCTION_WORDS[lang];
  return allWords(text, locale).filter((word) => !stop?.has(word) && !(lang === 'ja' && HIRAGANA_ONLY.test(word)));
}

function allWords(text: string, locale: string): string[] {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  const out: string[] = [];
  for (const part of segmenter.segment(text.normalize('NFKC'))) {
    if (part.isWordLike) out.push(part.segment.toLocaleLowerCase(locale));
  }
  return out;
}

interface Indexed {
  entry: FaqEntry;
  terms: Set<string>;
}

/**
 * Matches a question against the FAQ entries of its language by shared words,
 * weighted by how rare each word is across the FAQ (so particles such as
 * "は" or "ครับ", which every entry has, count for little).
 */
export class FaqAssistant implements SupportAssistant {
  readonly #byLanguage = new Map<string, Indexed[]>();
  readonly #idf = new Map<string, Map<string, number>>();

  /**
   * @param entries the merchant's FAQ, any number of languages
   * @param threshold minimum score (0–1) for an answer; below it the assistant stays silent
   */
  constructor(
    entries: readonly FaqEntry[],
    private readonly threshold = 0.35,
  ) {
    for (const entry of entries) {
      const lang = language(entry.locale);
      const terms = new Set([...words(entry.question, entry.locale), ...(entry.keywords ?? []).flatMap((k) => words(k, entry.locale))]);
      const list = this.#byLanguage.get(lang) ?? [];
      list.push({ entry, terms });
      this.#byLanguage.set(lang, list);
    }
    for (const [lang, list] of this.#byLanguage) {
      const df = new Map<string, number>();
      for (const { terms } of list) for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1);
      this.#idf.set(lang, new Map([...df].map(([term, n]) => [term, Math.log(1 + list.length / n)])));
    }
  }

  /** The best entry's score for `question` (0–1), for tests and tuning. */
  score(question: string, locale: string): { entry: FaqEntry; score: number } | null {
    const lang = language(locale);
    const list = this.#byLanguage.get(lang);
    const idf = this.#idf.get(lang);
    if (!list || !idf) return null;
    const asked = new Set(words(question, locale));
    // Words no entry uses weigh like the rarest known word, so an off-topic question scores low.
    const rare = Math.log(1 + list.length);
    const weight = (term: string) => idf.get(term) ?? rare;
    const askedWeight = [...asked].reduce((sum, t) => sum + weight(t), 0);
    let best: { entry: FaqEntry; score: number } | null = null;
    for (const { entry, terms } of list) {
      let shared = 0;
      let entryWeight = 0;
      for (const term of terms) {
        entryWeight += weight(term);
        if (asked.has(term)) shared += weight(term);
      }
      const score = askedWeight + entryWeight === 0 ? 0 : (2 * shared) / (askedWeight + entryWeight);
      if (!best || score > best.score) best = { entry, score };
    }
    return best;
  }

  answer(question: string, locale: string): Promise<AssistantReply | null> {
    const best = this.score(question, locale);
    return Promise.resolve(best && best.score >= this.threshold ? { text: best.entry.answer, source: best.entry.question } : null);
  }
}
