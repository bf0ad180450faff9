"""Provider dialects. Each is a package with the same files: routes, shapes, errors, auth."""
