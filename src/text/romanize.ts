/** Romanisation of Cyrillic and Greek, for keys built from names (author blocks, BibTeX citation keys). */

/**
 * Cyrillic and Greek letters in Latin, as bibliographies romanise names (BGN/PCGN-like, simplified), so that
 * "Иванов" and "Ivanov", "Παπαδόπουλος" and "Papadopoulos" share a key. Applied to names only: search keeps
 * the scripts as written.
 */
const ROMAN: Record<string, string> = {};
{
  const pairs = [
    "а a б b в v г g д d е e ё e ж zh з z и i й y к k л l м m н n о o п p р r с s т t у u ф f х kh ц ts ч ch ш sh щ shch ъ _ ы y ь _ э e ю yu я ya і i ї yi є ye ґ g",
    "α a β b γ g δ d ε e ζ z η i θ th ι i κ k λ l μ m ν n ξ x ο o π p ρ r σ s ς s τ t υ y φ f χ ch ψ ps ω o",
  ]
    .join(" ")
    .split(" ");
  for (let i = 0; i + 1 < pairs.length; i += 2) ROMAN[pairs[i]] = pairs[i + 1] === "_" ? "" : pairs[i + 1];
}

/** Romanises Cyrillic and Greek letters (see ROMAN); other scripts are left as they are. */
export function romanize(text: string): string {
  if (!/[Ͱ-ϿЀ-ӿ]/.test(text)) return text;
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/ου/g, "ou")
    .replace(/Ου|ΟΥ/g, "Ou")
    .replace(/[Ͱ-ϿЀ-ӿ]/g, (c) => {
      const lower = c.toLowerCase();
      const r = ROMAN[lower] ?? c;
      return c !== lower && r ? r[0].toUpperCase() + r.slice(1) : r;
    });
}
