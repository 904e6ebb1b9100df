/** Where `citegraph demo` keeps its library unless --db says otherwise: apart from the user's own. */
export const DEMO_DB = "citegraph-demo.db";
