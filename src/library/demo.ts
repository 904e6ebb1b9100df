/**
 * The demo library: a small collection on virtual machines, garbage collection and compilers, written for
 * citegraph (none of it copied from any dataset). It exercises every feature of a result list: citations among
 * works, self-citations, works known only from references (some given as printed, for the reference parser), and
 * years and venues to facet on.
 * `citegraph demo` files it through the same import path as any JSON Lines file.
 */
import type { CslItem } from "../formats/csl.ts";
import { parseNameString, type ReadItem, type ReferenceInput, toCslItem } from "../formats/record.ts";
import type { Store } from "../store/types.ts";
import { emptyReport, type ImportReport, importStream } from "./import.ts";

export { DEMO_DB } from "./demo-db.ts";

type DemoRecord = [
  id: string,
  title: string,
  authors: string,
  venue: string,
  year: number,
  abstract: string,
  refs: string[],
];

/** Works cited by the demo papers but not held in the demo library: they become cited-only works. */
const CITED_ONLY: Record<string, CslItem> = {
  "@smalltalk": {
    title: "Efficient implementation of the Smalltalk-80 system",
    author: names("Peter Deutsch; Allan Schiffman"),
    "container-title": "POPL",
    issued: { "date-parts": [[1984]] },
    type: "paper-conference",
  },
  "@self": {
    title:
      "An efficient implementation of SELF, a dynamically-typed object-oriented language based on prototypes",
    author: names("Craig Chambers; David Ungar; Elgin Lee"),
    "container-title": "OOPSLA",
    issued: { "date-parts": [[1989]] },
    type: "paper-conference",
  },
  "@mccarthy": {
    title: "Recursive functions of symbolic expressions and their computation by machine",
    author: names("John McCarthy"),
    "container-title": "Communications of the ACM",
    issued: { "date-parts": [[1960]] },
    type: "article-journal",
  },
  "@cheney": {
    title: "A nonrecursive list compacting algorithm",
    author: names("C. J. Cheney"),
    "container-title": "Communications of the ACM",
    issued: { "date-parts": [[1970]] },
    type: "article-journal",
  },
  "@popek": {
    title: "Formal requirements for virtualizable third generation architectures",
    author: names("Gerald J. Popek; Robert P. Goldberg"),
    "container-title": "Communications of the ACM",
    issued: { "date-parts": [[1974]] },
    type: "article-journal",
  },
  "@jvmspec": {
    title: "The Java virtual machine specification",
    author: names("Tim Lindholm; Frank Yellin"),
    publisher: "Addison-Wesley",
    issued: { "date-parts": [[1996]] },
    type: "book",
  },
  "@ssa": {
    title: "Efficiently computing static single assignment form and the control dependence graph",
    author: names("Ron Cytron; Jeanne Ferrante; Barry K. Rosen; Mark N. Wegman; F. Kenneth Zadeck"),
    "container-title": "ACM Transactions on Programming Languages and Systems",
    issued: { "date-parts": [[1991]] },
    type: "article-journal",
  },
  "@dragon": {
    title: "Compilers: principles, techniques, and tools",
    author: names("Alfred V. Aho; Ravi Sethi; Jeffrey D. Ullman"),
    publisher: "Addison-Wesley",
    issued: { "date-parts": [[1986]] },
    type: "book",
  },
};

function names(list: string): NonNullable<CslItem["author"]> {
  return list.split(";").map((n) => parseNameString(n.trim()));
}

const RECORDS: DemoRecord[] = [
  [
    "vm-survey",
    "Virtual machines: a survey of interpretation, compilation and isolation",
    "Grace Holloway; Tomás Ibáñez",
    "ACM Computing Surveys",
    2004,
    "A virtual machine gives programs a machine that does not exist in hardware. We survey how virtual machines are built: interpreters, just-in-time compilers, garbage collectors and the isolation that system virtual machines give to whole operating systems, and we compare their costs on common workloads.",
    ["interp-threaded", "jit-trace", "gc-generational", "hypervisor-light", "@popek", "@smalltalk", "@self"],
  ],
  [
    "interp-threaded",
    "Threaded code revisited: fast interpreters for stack-based virtual machines",
    "Grace Holloway; Martin Okafor",
    "PLDI",
    1999,
    "Interpreters remain the simplest way to run a virtual machine's bytecode. We revisit direct and indirect threaded code on modern processors and show that branch prediction, not instruction count, decides the speed of an interpreter loop. Superinstructions recover most of the loss.",
    ["@smalltalk", "@jvmspec"],
  ],
  [
    "interp-register",
    "Register-based virtual machines need fewer instructions",
    "Martin Okafor; Lena Brandt",
    "VEE",
    2005,
    "Stack-based virtual machines dominate, yet a register-based design executes far fewer virtual machine instructions for the same program. Translating Java bytecode to a register form removes 47% of dispatches at the cost of larger code.",
    ["interp-threaded", "@jvmspec"],
  ],
  [
    "jit-trace",
    "Trace-based just-in-time compilation for dynamic languages",
    "Andreas Gal; Grace Holloway",
    "PLDI",
    2009,
    "Dynamic languages resist static compilation because types are known only at run time. A trace-based just-in-time compiler records hot loops as they run in the interpreter and compiles each recorded trace with the types it saw, falling back to the interpreter when a guard fails.",
    ["interp-threaded", "jit-inline", "@self", "@ssa"],
  ],
  [
    "jit-inline",
    "Adaptive inlining in a method-based just-in-time compiler",
    "Sofia Marchetti; Andreas Gal",
    "OOPSLA",
    2006,
    "Inlining is the optimisation that enables the others. We describe an adaptive inliner for a Java virtual machine that uses profiles from the interpreter to decide which call sites to inline and recompiles when the profile changes.",
    ["@self", "@ssa", "@dragon"],
  ],
  [
    "jit-tiered",
    "Tiered compilation: when to stop interpreting",
    "Sofia Marchetti; Grace Holloway",
    "CGO",
    2010,
    "A virtual machine with several compilers must choose when to move a method from the interpreter to a fast baseline compiler and on to an optimising one. We model the choice as a cost-benefit problem and show that simple counters come within 4% of an oracle.",
    ["jit-inline", "jit-trace", "interp-threaded"],
  ],
  [
    "gc-generational",
    "Generational garbage collection for virtual machines with large heaps",
    "Lena Brandt; Grace Holloway",
    "ISMM",
    2002,
    "Most objects die young. A generational garbage collector exploits this by collecting a small nursery often and the old generation rarely. We show how write barriers and card marking keep the remembered set small in a virtual machine with heaps of many gigabytes.",
    [
      "@mccarthy",
      "@cheney",
      "!D. Ungar. Generation scavenging: A non-disruptive high performance storage reclamation algorithm. In Proceedings of the ACM SIGSOFT/SIGPLAN Software Engineering Symposium on Practical Software Development Environments, pages 157-167, 1984.",
    ],
  ],
  [
    "gc-concurrent",
    "Concurrent mark-sweep collection without stopping the world",
    "Lena Brandt; Yusuf Demir",
    "ISMM",
    2007,
    "Pauses of a stop-the-world garbage collector grow with the heap. A concurrent mark-sweep collector marks while the program runs, using a snapshot-at-the-beginning barrier, and reduces pause times to under ten milliseconds on a 16 GB heap.",
    [
      "gc-generational",
      "@mccarthy",
      "!Dijkstra, E. W., Lamport, L., Martin, A. J., Scholten, C. S., & Steffens, E. F. M. (1978). On-the-fly garbage collection: An exercise in cooperation. Communications of the ACM, 21(11), 966-975.",
      "!Ungar, D. (1984). Generation scavenging: a non-disruptive high performance storage reclamation algorithm. ACM SIGPLAN Notices, 19(5), 157-167.",
    ],
  ],
  [
    "gc-regions",
    "Region-based memory management for a real-time virtual machine",
    "Yusuf Demir; Paulo Ferreira",
    "EMSOFT",
    2011,
    "Real-time systems cannot tolerate unpredictable garbage collection pauses. We combine regions with a small incremental collector inside a virtual machine for embedded controllers and bound the worst-case pause at 200 microseconds.",
    ["gc-concurrent", "gc-generational"],
  ],
  [
    "hypervisor-light",
    "A lightweight hypervisor for commodity hardware",
    "Hannah Lindqvist; Rajesh Iyer",
    "SOSP",
    2003,
    "System virtual machines let several operating systems share one computer. Our hypervisor runs unmodified guests on commodity x86 hardware by rewriting privileged instructions at run time, with an overhead of 3 to 8 percent on server workloads.",
    ["@popek"],
  ],
  [
    "hypervisor-para",
    "Paravirtualization: cooperating guests for faster virtual machines",
    "Rajesh Iyer; Hannah Lindqvist; Chen Wei",
    "USENIX ATC",
    2005,
    "When the guest operating system knows it runs in a virtual machine, it can call the hypervisor instead of trapping. Paravirtualized device drivers and page table updates halve the overhead of I/O-heavy workloads compared with full virtualization.",
    ["hypervisor-light", "@popek"],
  ],
  [
    "vm-migration",
    "Live migration of virtual machines across data centres",
    "Chen Wei; Hannah Lindqvist",
    "NSDI",
    2008,
    "Moving a running virtual machine between hosts lets operators balance load and service hardware without downtime. We pre-copy memory pages while the guest runs and stop it only for the last dirty pages, migrating a loaded web server with 60 ms of downtime.",
    ["hypervisor-para", "hypervisor-light"],
  ],
  [
    "vm-security",
    "Isolation guarantees of system virtual machines under side channels",
    "Amira Haddad; Chen Wei",
    "IEEE Symposium on Security and Privacy",
    2012,
    "Virtual machines are trusted to isolate tenants of the same cloud host. We measure cache and memory-bus side channels between co-resident virtual machines and show that scheduling alone closes most of them at a 5% cost.",
    ["vm-migration", "hypervisor-para", "hypervisor-light"],
  ],
  [
    "wasm-sandbox",
    "Sandboxing untrusted code in a language virtual machine",
    "Amira Haddad; Tomás Ibáñez",
    "USENIX Security",
    2011,
    "A language virtual machine can isolate untrusted modules without hardware support if its instruction set is verifiable. We design a verifier for a compact bytecode and prove that verified modules cannot read outside their linear memory.",
    ["vm-survey", "interp-register", "@jvmspec"],
  ],
  [
    "dalvik-energy",
    "Energy cost of interpretation on mobile virtual machines",
    "Priya Nair; Martin Okafor",
    "MobiSys",
    2010,
    "Phones run applications in a virtual machine, and interpretation costs battery. Measuring energy per bytecode on three handsets, we find that a just-in-time compiler pays for itself after a few seconds of execution.",
    ["interp-register", "jit-tiered", "interp-threaded"],
  ],
  [
    "ssa-regalloc",
    "Register allocation on SSA form in linear time",
    "Tomás Ibáñez; Sofia Marchetti",
    "CC",
    2008,
    "Programs in static single assignment form have chordal interference graphs, so registers can be allocated optimally in polynomial time. We give a linear-time allocator for just-in-time compilers that spills before it colours.",
    ["@ssa", "@dragon", "jit-inline"],
  ],
  [
    "escape-analysis",
    "Partial escape analysis and scalar replacement for Java",
    "Sofia Marchetti; Lena Brandt",
    "CGO",
    2012,
    "Objects that do not escape a method need not live on the heap. Partial escape analysis removes allocations on the paths where an object does not escape, cutting garbage collection work by a fifth on standard benchmarks.",
    ["jit-inline", "gc-generational", "ssa-regalloc"],
  ],
  [
    "bytecode-verify",
    "Fast bytecode verification by type inference",
    "Tomás Ibáñez",
    "ECOOP",
    2001,
    "Before a virtual machine runs downloaded code it must check that the code is type-safe. We present a verifier that infers types in one pass over the control-flow graph and is an order of magnitude faster than iterative dataflow.",
    ["@jvmspec", "@dragon"],
  ],
  [
    "obj-layout",
    "Object layout and inline caches in dynamically typed virtual machines",
    "Grace Holloway; Priya Nair",
    "DLS",
    2008,
    "Property lookups dominate the run time of dynamic languages. Hidden classes give objects a fixed layout that inline caches can exploit, making a property read as cheap as a field load in the common case.",
    ["@self", "@smalltalk", "jit-trace"],
  ],
  [
    "vm-benchmarks",
    "How not to benchmark a virtual machine",
    "Yusuf Demir; Grace Holloway; Lena Brandt",
    "OOPSLA",
    2009,
    "Just-in-time compilation and garbage collection make virtual machine performance vary between runs. We show that common benchmarking practice reports differences that are noise, and propose a statistically rigorous methodology with warm-up detection.",
    ["gc-concurrent", "jit-inline", "vm-survey"],
  ],
  [
    "container-vs-vm",
    "Containers versus virtual machines for cloud workloads",
    "Rajesh Iyer; Priya Nair",
    "Middleware",
    2012,
    "Containers share one kernel while virtual machines each run their own. On database and web workloads, containers start 40 times faster and use less memory, while virtual machines isolate noisy neighbours better.",
    ["hypervisor-para", "vm-migration", "vm-security"],
  ],
  [
    "gc-survey",
    "Garbage collection: thirty years of algorithms",
    "Paulo Ferreira",
    "ACM Computing Surveys",
    1996,
    "Automatic memory management frees programmers from explicit deallocation. We survey reference counting, mark-sweep, copying and incremental collectors, with the trade-offs between pause time, throughput and memory overhead that each makes.",
    ["@mccarthy", "@cheney"],
  ],
  [
    "refcount-cycles",
    "Cycle collection for reference-counted virtual machines",
    "Paulo Ferreira; Yusuf Demir",
    "ISMM",
    2004,
    "Reference counting reclaims memory promptly but leaks cycles. A trial-deletion cycle collector run in the background finds garbage cycles with little overhead in a scripting language virtual machine.",
    ["gc-survey", "gc-generational"],
  ],
  [
    "parser-combinators",
    "Parsing expression grammars for language workbenches",
    "Lena Brandt",
    "SLE",
    2010,
    "Parsing expression grammars make parsers composable. We describe a workbench that generates a parser, a pretty-printer and an editor from one grammar, and report on its use for three domain-specific languages.",
    ["@dragon"],
  ],
  [
    "jvm-startup",
    "Reducing the start-up time of a Java virtual machine with class data sharing",
    "Martin Okafor",
    "VEE",
    2007,
    "Short-running programs spend most of their time starting the virtual machine. Sharing parsed class data between processes through a memory-mapped archive halves start-up time and saves memory when many virtual machines run on one host.",
    ["interp-register", "bytecode-verify", "@jvmspec"],
  ],
];

/** The demo's records, as an importer reads them. */
export function* demoItems(): Generator<ReadItem> {
  let record = 0;
  for (const [id, title, authors, venue, year, abstract, refs] of RECORDS) {
    record++;
    const item = toCslItem({
      type: /Surveys|Transactions/.test(venue) ? "article-journal" : "paper-conference",
      title,
      author: names(authors),
      "container-title": venue,
      issued: { "date-parts": [[year]] },
      abstract,
    });
    // "@…" a cited-only work given with its fields, "!…" a reference as printed (the parser splits it), else an id.
    const references = refs.map(
      (r): ReferenceInput =>
        r.startsWith("@")
          ? { item: toCslItem(CITED_ONLY[r]) }
          : r.startsWith("!")
            ? { raw: r.slice(1) }
            : { id: `demo:${r}` },
    );
    yield { record: { id: `demo:${id}`, item, references, location: { file: "demo", record } } };
  }
}

/** Files the demo records in `store` (idempotent: a second run adds nothing). */
export async function buildDemo(store: Store): Promise<ImportReport> {
  const report = emptyReport();
  await importStream(store, demoItems(), "demo", report);
  report.files = 1;
  return report;
}

/**
 * Whether a library may take the demo: an empty one, or one the demo built (its first work's document came from
 * it). `citegraph demo` honours CITEGRAPH_DB like every command, and a variable set for one's own library must
 * not have the demo's papers filed into it unasked.
 */
export async function holdsOnlyDemo(store: Store): Promise<boolean> {
  const [first] = await store.listWorkIds({ afterId: 0, limit: 1, includeCitations: false });
  if (first === undefined) return true;
  const work = await store.getWork(first);
  return work?.documents[0]?.source === "demo";
}

/** How many records the demo holds, for tests. */
export const DEMO_RECORD_COUNT = RECORDS.length;
