/**
 * The lossless two-way mapping every field-based format shares (BibTeX, RIS, EndNote): a record's fields to a CSL
 * item and back, driven by the format's table of rules. What CSL cannot hold is kept beside it, in the item's
 * `custom` under the format's name (see KeptRecord), and written back on export:
 *
 * - the record's own type ("phdthesis", "CPAPER") and its fields' order;
 * - fields no rule maps (BibLaTeX's `langid`, RIS's `L1`), as given;
 * - the exact text of a mapped field whose CSL value would be written otherwise (`{B}ayesian`, `month = {May}`,
 *   a DOI in capitals, "Knuth, Donald~E."): written back as given while the CSL value still equals what that text
 *   reads as, so a correction made in the library wins and an unchanged field comes back as the user wrote it.
 *
 * Each field goes through the first rule of its name that applies to the item's type and whose `claims` are all
 * free, so `year` and `month` fill parts of one date and `journal` and `journaltitle` do not both fill the
 * container. Export replays the same choice over the kept order, then writes the item's other variables through
 * the rules marked `default` for its type.
 */
import { type CslItem, DATE_VARIABLES } from "./csl.ts";
import { cleanDate } from "./csl-dates.ts";

export type Values = string[];

export interface FieldRule {
  /** The format's field name or tag. */
  field: string;
  /** What of the CSL item the rule fills; a rule applies only while none of them is taken. */
  claims: readonly string[];
  /** CSL types the rule is for (undefined: every type). */
  types?: readonly string[];
  /** Written for an item whose record did not give the field: for every type (true) or for these CSL types. */
  default?: boolean | readonly string[];
  /** Sets the item's variable from the field's values; false when they give nothing. */
  read(values: Values, item: CslItem): boolean;
  /** The field's values from the item, or undefined when it has none. */
  write(item: CslItem): Values | undefined;
}

/** What a record keeps of itself beyond CSL, under `custom[format]`. */
export interface KeptRecord {
  /** The record's own type, as the format writes it. */
  type: string;
  /** Its fields' names in order. */
  order: string[];
  /** Fields no rule maps, as given. */
  fields?: Record<string, string | string[]>;
  /** Mapped fields whose given text the CSL value would not write back, as given. */
  exact?: Record<string, string | string[]>;
}

const one = (values: Values): string | string[] => (values.length === 1 ? values[0] : values);
const many = (v: string | string[]): Values => (Array.isArray(v) ? v : [v]);
const same = (a: Values | undefined, b: Values | undefined) =>
  JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

function applies(rule: FieldRule, type: string | undefined, claimed: Set<string>): boolean {
  return (!rule.types || rule.types.includes(type ?? "")) && rule.claims.every((c) => !claimed.has(c));
}

/** The rule a field goes through, given what earlier fields took. */
function ruleFor(rules: readonly FieldRule[], field: string, type: string | undefined, claimed: Set<string>) {
  return rules.find((r) => r.field === field && applies(r, type, claimed));
}

/** A record's fields read into `item` (whose type is already set); returns what must be kept beside it. */
export function readFields(
  entries: [field: string, values: Values][],
  item: CslItem,
  rules: readonly FieldRule[],
): Omit<KeptRecord, "type"> {
  const claimed = new Set<string>();
  const kept: Omit<KeptRecord, "type"> = { order: [] };
  for (const [field, values] of entries) {
    kept.order.push(field);
    const rule = ruleFor(rules, field, item.type, claimed);
    if (rule?.read(values, item)) {
      for (const c of rule.claims) claimed.add(c);
      const alone: CslItem = { type: item.type };
      rule.read(values, alone);
      if (!same(rule.write(alone), values)) kept.exact = { ...kept.exact, [field]: one(values) };
    } else kept.fields = { ...kept.fields, [field]: one(values) };
  }
  return kept;
}

/**
 * A record — its own type, its fields — as a CSL item of `cslType`, with what CSL does not hold kept under
 * `custom[format]`.
 */
export function recordToCsl(
  format: string,
  type: string,
  cslType: string,
  entries: [field: string, values: Values][],
  rules: readonly FieldRule[],
): CslItem {
  const item: CslItem = { type: cslType };
  const kept = readFields(entries, item, rules);
  for (const d of DATE_VARIABLES) cleanDate(item, d);
  item.custom = { [format]: { type, ...kept } };
  return item;
}

/** The item's fields for the format: its record's fields in their order where it has one, then the rest. */
export function writeFields(
  item: CslItem,
  kept: KeptRecord | undefined,
  rules: readonly FieldRule[],
): [field: string, values: Values][] {
  const claimed = new Set<string>();
  const out: [string, Values][] = [];
  const written = new Set<string>();
  for (const field of kept?.order ?? []) {
    if (written.has(field)) continue;
    written.add(field);
    const given = kept?.fields?.[field];
    if (given !== undefined) {
      out.push([field, many(given)]);
      continue;
    }
    const rule = ruleFor(rules, field, item.type, claimed);
    if (!rule) continue;
    for (const c of rule.claims) claimed.add(c);
    const values = rule.write(item);
    if (!values?.length) continue;
    const exact = kept?.exact?.[field];
    if (exact !== undefined) {
      const alone: CslItem = { type: item.type };
      rule.read(many(exact), alone);
      if (same(rule.write(alone), values)) {
        out.push([field, many(exact)]);
        continue;
      }
    }
    out.push([field, values]);
  }
  for (const rule of rules) {
    if (!rule.default || written.has(rule.field) || !applies(rule, item.type, claimed)) continue;
    if (rule.default !== true && !rule.default.includes(item.type ?? "")) continue;
    const values = rule.write(item);
    if (!values?.length) continue;
    for (const c of rule.claims) claimed.add(c);
    written.add(rule.field);
    out.push([rule.field, values]);
  }
  return out;
}

/** The kept record of `format` in an item's `custom`, when it has one that reads as one. */
export function keptRecord(item: CslItem, format: string): KeptRecord | undefined {
  const kept = (item.custom as Record<string, unknown> | undefined)?.[format] as KeptRecord | undefined;
  return kept && typeof kept.type === "string" && Array.isArray(kept.order) ? kept : undefined;
}
