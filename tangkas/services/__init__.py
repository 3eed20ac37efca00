"""Services: what every edge (the CLI, the JSON API, the pages, batch jobs) calls. A service takes
parsed input, calls the core and the store, and returns typed results; edges only parse and render."""
