/** The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. */

const page = [
  { name: "page", in: "query", schema: { type: "integer", minimum: 1, default: 1 } },
  { name: "per_page", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } },
];
const id = { name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } };
const error = {
  description: "An error: a bad parameter (400), an unknown id or endpoint (404)",
  content: {
    "application/json": {
      schema: {
        type: "object",
        required: ["status", "message"],
        properties: { status: { type: "integer" }, message: { type: "string" } },
      },
    },
  },
};
const json = (description: string, schema: object = { type: "object" }) => ({
  description,
  content: { "application/json": { schema } },
});
const workSummary = {
  type: "object",
  required: ["id", "title", "authors", "cited_by", "self_cited", "in_library"],
  properties: {
    id: { type: "integer" },
    title: { type: "string" },
    authors: {
      type: "array",
      items: { type: "object", properties: { id: { type: "integer" }, name: { type: "string" } } },
    },
    year: { type: ["integer", "null"] },
    venue: { type: ["string", "null"] },
    doi: { type: ["string", "null"] },
    arxiv: { type: ["string", "null"] },
    abstract: { type: ["string", "null"] },
    snippet: { type: ["string", "null"], description: "search hits only" },
    cited_by: { type: "integer", description: "distinct citing works" },
    self_cited: { type: "integer", description: "of them, those sharing an author with this work" },
    in_library: { type: "boolean", description: "false for a work known only from references to it" },
  },
};
const correction = {
  type: "object",
  required: ["id", "work_id", "fields", "previous", "editor", "made_at"],
  properties: {
    id: { type: "integer" },
    work_id: { type: "integer" },
    fields: { type: "object", description: "the values set (CSL-JSON; null: cleared)" },
    previous: { type: "object", description: "what those fields showed before" },
    editor: { type: "string" },
    note: { type: ["string", "null"] },
    made_at: { type: "string", format: "date-time" },
    reverted_at: { type: ["string", "null"], format: "date-time" },
    reverted_by: { type: ["string", "null"] },
  },
};
const list = (items: object) => ({
  type: "object",
  required: ["total", "items"],
  properties: {
    total: { type: "integer" },
    page: { type: "integer" },
    per_page: { type: "integer" },
    items: { type: "array", items },
  },
});

export const OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "citegraph API",
    version: "1",
    description: "The library's works, citations, references and authors as JSON.",
  },
  servers: [{ url: "/api/v1" }],
  paths: {
    "/search": {
      get: {
        summary: "Search the library with the query language of the web search",
        parameters: [
          { name: "q", in: "query", schema: { type: "string" } },
          {
            name: "sort",
            in: "query",
            schema: { enum: ["relevance", "citations", "year", "year-asc", "recent"], default: "relevance" },
          },
          ...page,
          {
            name: "cursor",
            in: "query",
            description:
              "page by cursor instead of page (no depth limit): * for the first page, then each answer's next_cursor (null after the last)",
            schema: { type: "string" },
          },
          { name: "facets", in: "query", schema: { type: "boolean", default: false } },
          { name: "include_citations", in: "query", schema: { type: "boolean", default: false } },
          {
            name: "fields",
            in: "query",
            description: "comma-separated fields of each hit to return (id always)",
            schema: { type: "string" },
          },
        ],
        responses: {
          "200": json("A page of hits", {
            type: "object",
            required: ["total", "hits"],
            properties: {
              total: { type: "integer" },
              hits: { type: "array", items: workSummary },
              facets: { type: "object" },
            },
          }),
          "400": error,
        },
      },
    },
    "/search/summary": {
      get: {
        summary:
          "The citation summary of a query's library works: citations, h-index, works per citation band",
        parameters: [{ name: "q", in: "query", schema: { type: "string" } }],
        responses: { "200": json("The summary"), "400": error },
      },
    },
    "/works/{id}": {
      get: {
        summary:
          "A work: its CSL-JSON metadata, counts and other_editions (ids). A work id names its work for ever: the id of a work merged into another answers 301 (308 to a write; Location, and merged_into in the body), under every /works/{id} path; a work no reference names any more, 410",
        parameters: [id],
        responses: {
          "200": json("The work"),
          "301": {
            description: "Merged into another work",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["status", "message", "merged_into"],
                  properties: {
                    status: { type: "integer" },
                    message: { type: "string" },
                    merged_into: { type: "integer" },
                  },
                },
              },
            },
          },
          "404": error,
          "410": error,
        },
      },
    },
    "/works/{id}/citations": {
      get: {
        summary: "The works citing a work, with their citation contexts",
        parameters: [id, { name: "sort", in: "query", schema: { enum: ["citations", "year"] } }, ...page],
        responses: { "200": json("Citing works", list(workSummary)), "404": error },
      },
    },
    "/works/{id}/references": {
      get: {
        summary: "A work's references, each with the work it resolves to",
        parameters: [id],
        responses: { "200": json("References", list({ type: "object" })), "404": error },
      },
    },
    "/works/{id}/corrections": {
      get: {
        summary: "The corrections of a work's metadata, newest first, reverted ones included",
        parameters: [id],
        responses: { "200": json("Corrections", list(correction)), "404": error },
      },
      post: {
        summary: "Corrects a library work's metadata (admin token as a bearer); null clears a field",
        security: [{ adminToken: [] }],
        parameters: [id],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["fields"],
                properties: {
                  fields: {
                    type: "object",
                    description:
                      'CSL-JSON fields: title, author ([{family, given}] or "Family, Given"), container-title, issued (a year), type, volume, issue, page, publisher, publisher-place, DOI, URL, abstract, keyword',
                  },
                  editor: { type: "string", description: "who the history names (default: api)" },
                  note: { type: "string" },
                },
              },
            },
          },
        },
        responses: { "201": json("The correction", correction), "400": error, "401": error, "404": error },
      },
    },
    "/corrections/{id}/revert": {
      post: {
        summary: "Reverts a correction (admin token as a bearer)",
        security: [{ adminToken: [] }],
        parameters: [id],
        responses: {
          "200": json("The reverted correction", correction),
          "400": error,
          "401": error,
          "404": error,
        },
      },
    },
    "/authors/{id}": {
      get: {
        summary: "An author: names, citations, h-index, i10-index, citations per year, co-authors",
        parameters: [id],
        responses: { "200": json("The author"), "404": error },
      },
    },
    "/authors/{id}/works": {
      get: {
        summary: "An author's works, most cited first",
        parameters: [id, ...page],
        responses: { "200": json("Works", list(workSummary)), "404": error },
      },
    },
  },
  components: {
    securitySchemes: {
      adminToken: { type: "http", scheme: "bearer", description: "the library's admin token" },
    },
  },
} as const;
