/**
 * A work's authors placed among people (src/graph/authors.ts): each printed name goes to the person of its
 * name block it can be — given names that cannot be one person's keep people apart, shared co-authors decide
 * between the rest — or to a new person of the block.
 */
import { type CslItem, displayName } from "../../formats/csl.ts";
import { words } from "../../text/normalize.ts";
import { type AuthorProfile, chooseAuthor, compatibleGivenNames } from "../authors.ts";
import { authorKey } from "../keys.ts";
import type { Filing } from "./filing.ts";
import type { Awaitable, Person } from "./rows.ts";

/** Authors linked to a work: a thousand-author collaboration paper links its first this many. */
const MAX_LINKED_AUTHORS = 100;
/** Spellings of a person's given name kept for disambiguation. */
const MAX_GIVEN_NAMES = 20;
/** Co-authors of a person compared. */
const MAX_CO_AUTHORS = 300;

/** Links a work to its authors, in order, each to the person the name is (disambiguated); returns the names. */
export async function setAuthors(
  f: Filing,
  workId: number,
  item: CslItem,
  isNew: boolean,
): Promise<string[]> {
  if (!isNew) await f.rows.people.unlinkAll(workId);
  const names: string[] = [];
  const list = (item.author ?? []).slice(0, MAX_LINKED_AUTHORS);
  const keys = list.map((n) => authorKey(n));
  for (let position = 0; position < list.length; position++) {
    const name = list[position];
    const key = keys[position];
    const shown = displayName(name);
    if (!key || !shown) continue;
    names.push(shown);
    const coAuthors = keys.filter((k, i): k is string => k !== undefined && i !== position);
    const given = words(name.given ?? "").join(" ");
    const person = await personOf(f, key, shown, given, coAuthors);
    await f.rows.people.link(workId, position, person, shown);
  }
  return names;
}

/** The people of a name block, read once and then kept (written through). */
function block(f: Filing, key: string): Awaitable<Person[]> {
  return f.known.blocks.get(key) ?? readBlock(f, key);
}

async function readBlock(f: Filing, key: string): Promise<Person[]> {
  const people = await f.rows.people.block(key);
  f.known.keepBlock(key, people);
  return people;
}

/**
 * The person a name is, among those known under its key (src/graph/authors.ts: given names that cannot be one
 * person's keep them apart, shared co-authors decide between the rest); a new person when it can be none.
 */
async function personOf(
  f: Filing,
  key: string,
  name: string,
  given: string,
  coAuthors: string[],
): Promise<number> {
  const people = f.rows.people;
  const known = await block(f, key);
  const candidates = known.filter((b) => !given || b.givenNames.every((g) => compatibleGivenNames(g, given)));
  // Co-authors and work counts only matter when there is a choice to make, co-authors only if the work has some.
  const several = candidates.length > 1;
  const profiles: AuthorProfile[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const b = candidates[i];
    profiles.push({
      id: b.id,
      givenNames: b.givenNames,
      coAuthors: new Set(several && coAuthors.length ? await people.coAuthorKeys(b.id, MAX_CO_AUTHORS) : []),
      works: several ? await people.workCount(b.id) : 0,
    });
  }
  const id = chooseAuthor({ given, coAuthors }, profiles);
  const givenNames = given ? [given] : [];
  if (id === undefined) {
    const next = Math.max(1, ...known.map((b) => Number(/#(\d+)$/.exec(b.key)?.[1] ?? 1))) + 1;
    const variant = known.length ? `${key}#${next}` : key;
    const created = await people.insert(variant, name, givenNames);
    known.push({ id: created, key: variant, givenNames });
    return created;
  }
  const person = known.find((b) => b.id === id) as Person;
  if (given && !person.givenNames.includes(given) && person.givenNames.length < MAX_GIVEN_NAMES) {
    person.givenNames = [...person.givenNames, given];
    await people.setGivenNames(id, person.givenNames);
  }
  return id;
}
