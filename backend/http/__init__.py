"""The HTTP layer: the Starlette server, the local door, error mapping and every route module."""
